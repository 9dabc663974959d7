/*
|--------------------------------------------------------------------------
| Routes file
|--------------------------------------------------------------------------
*/

import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import transmit from '@adonisjs/transmit/services/main'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { throttleMessages, throttlePushSubscriptions, throttleRegistration } from '#start/limiter'

/*
| Numeric URL params: digits only, cast to numbers (services 404 beyond PostgreSQL's integer)
*/
router
  .where('id', router.matchers.number())
  .where('seq', router.matchers.number())
  .where('userId', router.matchers.number())
  .where('inviteId', router.matchers.number())
  .where('webhookId', router.matchers.number())

router.on('/').render('pages/home').as('home').use(middleware.silentAuth())

/*
| Probes for Docker, load balancers and orchestrators
*/
router.get('health/live', [controllers.Health, 'live'])
router.get('health/ready', [controllers.Health, 'ready'])
router.get('metrics', [controllers.Metrics, 'show'])

/*
| Transmit's server-sent events (the live lobby), for signed-in users only
*/
transmit.registerRoutes((route) => route.use(middleware.auth()))

/*
| Language and theme switchers (plain form posts, remembered in cookies)
*/
router.post('preferences/locale', [controllers.Locale, 'update'])
router.post('preferences/theme', [controllers.Theme, 'update'])

router
  .group(() => {
    router.get('register', [controllers.NewAccount, 'create'])
    router.post('register', [controllers.NewAccount, 'store']).use(throttleRegistration)
    router.get('login', [controllers.Session, 'create'])
    router.post('login', [controllers.Session, 'store'])
  })
  .use(middleware.guest())

/*
| Password reset and e-mail verification through mailed links
*/
router
  .group(() => {
    router.get('forgot-password', [controllers.PasswordResetRequests, 'create'])
    router.post('forgot-password', [controllers.PasswordResetRequests, 'store'])
    router.get('reset-password/:token', [controllers.PasswordResets, 'show'])
    router.post('reset-password/:token', [controllers.PasswordResets, 'store'])
    router.get('verify-email/:token', [controllers.EmailVerifications, 'show'])
    router.post('verify-email/:token', [controllers.EmailVerifications, 'store'])
  })
  .use(middleware.silentAuth())

/*
| The mails the file mailer wrote, outside production only
*/
if (!app.inProduction) {
  router.get('dev/mail', [controllers.DevMails, 'index'])
  router.get('dev/mail/:mail', [controllers.DevMails, 'show'])
  router.get('dev/mail/:mail/html', [controllers.DevMails, 'html'])
}

router
  .group(() => {
    router.post('logout', [controllers.Session, 'destroy'])
    router.get('rooms', [controllers.Rooms, 'index'])
    router.post('rooms', [controllers.Rooms, 'store'])
    router.get('rooms/unread', [controllers.ReadMarkers, 'index'])
    router.get('sidebar', [controllers.Sidebar, 'show'])
    router.get('sidebar/direct', [controllers.Sidebar, 'direct'])
    router.post('rooms/:id/read', [controllers.ReadMarkers, 'store'])
    router.get('rooms/:id', [controllers.Rooms, 'show'])
    router.get('rooms/:id/delete', [controllers.Rooms, 'confirmDestroy'])
    router.delete('rooms/:id', [controllers.Rooms, 'destroy'])
    router.get('rooms/:id/settings', [controllers.RoomSettings, 'edit'])
    router.put('rooms/:id/settings', [controllers.RoomSettings, 'update'])
    router.post('rooms/:id/archive', [controllers.RoomSettings, 'archive'])
    router.delete('rooms/:id/archive', [controllers.RoomSettings, 'unarchive'])
    router.put('rooms/:id/owner', [controllers.RoomSettings, 'transfer'])
    router.post('rooms/:id/membership', [controllers.RoomMemberships, 'store'])
    router.patch('rooms/:id/membership', [controllers.RoomMemberships, 'update'])
    router.delete('rooms/:id/membership', [controllers.RoomMemberships, 'destroy'])
    router.get('rooms/:id/members', [controllers.RoomMembers, 'index'])
    router.post('rooms/:id/members', [controllers.RoomMembers, 'store'])
    router.get('rooms/:id/members/:userId/remove', [controllers.RoomMembers, 'confirmDestroy'])
    router.delete('rooms/:id/members/:userId', [controllers.RoomMembers, 'destroy'])
    router.post('rooms/:id/messages', [controllers.Messages, 'store']).use(throttleMessages)
    router
      .delete('rooms/:id/messages/:seq', [controllers.Messages, 'destroy'])
      .use(throttleMessages)
    router.get('rooms/:id/messages/:seq', [controllers.MessageContexts, 'show'])
    router.get('rooms/:id/messages/:seq/edit', [controllers.Messages, 'edit'])
    router.get('rooms/:id/messages/:seq/replies', [controllers.MessageReplies, 'index'])
    router.put('rooms/:id/messages/:seq', [controllers.Messages, 'update']).use(throttleMessages)
    router.get('rooms/:id/messages/:seq/reactions', [controllers.Reactions, 'create'])
    router
      .post('rooms/:id/messages/:seq/reactions', [controllers.Reactions, 'store'])
      .use(throttleMessages)
    router.get('rooms/:id/pins', [controllers.Pins, 'index'])
    router.get('rooms/:id/webhooks', [controllers.RoomWebhooks, 'index'])
    router.post('rooms/:id/webhooks', [controllers.RoomWebhooks, 'store'])
    router.delete('rooms/:id/webhooks/:webhookId', [controllers.RoomWebhooks, 'destroy'])
    router.post('rooms/:id/pins', [controllers.Pins, 'store']).use(throttleMessages)
    router.delete('rooms/:id/pins/:seq', [controllers.Pins, 'destroy']).use(throttleMessages)
    router.get('search', [controllers.Search, 'index'])
    router.get('chat/ticket', [controllers.ChatTickets, 'show'])
    router.get('account', [controllers.Account, 'show'])
    router.delete('account', [controllers.Account, 'destroy'])
    router.put('account/password', [controllers.AccountPasswords, 'update'])
    router.put('account/email', [controllers.AccountEmails, 'update'])
    router.post('account/email/verification', [controllers.AccountEmails, 'resend'])
    router.delete('account/sessions/:key', [controllers.AccountSessions, 'destroy'])
    router.delete('account/tokens/:id', [controllers.AccountTokens, 'destroy'])
    router.get('account/export', [controllers.AccountExports, 'show'])
    router.get('rooms/:id/invites', [controllers.RoomInvites, 'index'])
    router.post('rooms/:id/invites', [controllers.RoomInvites, 'store'])
    router.delete('rooms/:id/invites/:inviteId', [controllers.RoomInvites, 'destroy'])
    router.post('invite/:token', [controllers.Invites, 'store'])
    router.get('notifications/unread', [controllers.NotificationCounts, 'show'])
    router
      .group(() => {
        router.post('push/subscriptions', [controllers.PushSubscriptions, 'store'])
        router.delete('push/subscriptions', [controllers.PushSubscriptions, 'destroy'])
      })
      .use(throttlePushSubscriptions)
    router.get('direct', [controllers.DirectMessages, 'index'])
    router.get('direct/new', [controllers.DirectMessages, 'create'])
    router.post('direct', [controllers.DirectMessages, 'store'])
    router.get('rooms/:id/moderation', [controllers.RoomModeration, 'index'])
    router.post('rooms/:id/moderators', [controllers.RoomModeration, 'storeModerator'])
    router.delete('rooms/:id/moderators/:userId', [controllers.RoomModeration, 'destroyModerator'])
    router.post('rooms/:id/mutes', [controllers.RoomModeration, 'storeMute'])
    router.delete('rooms/:id/mutes/:userId', [controllers.RoomModeration, 'destroyMute'])
    router.get('admin', [controllers.Admin, 'index'])
    router.post('admin/users/:userId/deactivation', [controllers.AccountDeactivations, 'store'])
    router.delete('admin/users/:userId/deactivation', [controllers.AccountDeactivations, 'destroy'])
    router.get('people/:username', [controllers.People, 'show'])
    router.get('presence', [controllers.Presence, 'index'])
    router.put('account/profile', [controllers.AccountProfiles, 'update'])
    router.put('account/time-zone', [controllers.AccountProfiles, 'timeZone'])
    router.put('account/avatar', [controllers.AccountAvatars, 'update'])
    router.delete('account/avatar', [controllers.AccountAvatars, 'destroy'])
  })
  .use(middleware.auth())

/*
| Files and avatars, for pages (session) and API clients (bearer token) alike
*/
router
  .group(() => {
    router.get('attachments/:id', [controllers.Attachments, 'show'])
    router.get('attachments/:id/thumbnail', [controllers.Attachments, 'thumbnail'])
    router
      .get('avatars/:userId/:key/:size', [controllers.Avatars, 'show'])
      .where('key', /^[A-Za-z0-9_-]{1,32}$/)
      .where('size', router.matchers.number())
  })
  .use(middleware.auth({ guards: ['api', 'web'] }))

/*
| The JSON API's reference page (its OpenAPI document is /api/v1/openapi.json)
*/
router.get('api/docs', [controllers.ApiDocs, 'show']).use(middleware.silentAuth())

/*
| Invite links: who invited to what, for guests and signed-in users alike
*/
router.get('invite/:token', [controllers.Invites, 'show']).use(middleware.silentAuth())

/*
| JSON API for non-browser clients, authenticated by bearer tokens
*/
router
  .group(() => {
    router.post('auth/tokens', [controllers.api.AccessTokens, 'store'])
    router.post('hooks/:token', [controllers.api.IncomingWebhooks, 'store'])
    router.get('openapi.json', [controllers.api.OpenApi, 'show'])

    router
      .group(() => {
        router.delete('auth/tokens', [controllers.api.AccessTokens, 'destroy'])
        router.get('rooms', [controllers.api.Rooms, 'index'])
        router.post('rooms', [controllers.api.Rooms, 'store'])
        router.get('rooms/unread', [controllers.ReadMarkers, 'index'])
        router.put('rooms/:id/read', [controllers.ReadMarkers, 'store'])
        router.get('rooms/:id', [controllers.api.Rooms, 'show'])
        router.delete('rooms/:id', [controllers.api.Rooms, 'destroy'])
        router.patch('rooms/:id', [controllers.api.RoomSettings, 'update'])
        router.put('rooms/:id/owner', [controllers.api.RoomSettings, 'transfer'])
        router.get('rooms/:id/membership', [controllers.api.RoomMemberships, 'show'])
        router.put('rooms/:id/membership', [controllers.api.RoomMemberships, 'update'])
        router.patch('rooms/:id/membership', [controllers.api.RoomMemberships, 'patch'])
        router.delete('rooms/:id/membership', [controllers.api.RoomMemberships, 'destroy'])
        router.get('rooms/:id/members', [controllers.api.RoomMembers, 'index'])
        router.post('rooms/:id/members', [controllers.api.RoomMembers, 'store'])
        router.delete('rooms/:id/members/:userId', [controllers.api.RoomMembers, 'destroy'])
        router.get('rooms/:id/messages', [controllers.api.Messages, 'index'])
        router.get('rooms/:id/pins', [controllers.api.Pins, 'index'])
        router.get('rooms/:id/messages/:seq/reactions', [controllers.api.Reactions, 'index'])
        router.get('rooms/:id/messages/:seq/replies', [controllers.api.MessageReplies, 'index'])
        router.get('rooms/:id/webhooks', [controllers.api.RoomWebhooks, 'index'])
        router.post('rooms/:id/webhooks', [controllers.api.RoomWebhooks, 'store'])
        router.delete('rooms/:id/webhooks/:webhookId', [controllers.api.RoomWebhooks, 'destroy'])
        router
          .group(() => {
            router.post('rooms/:id/messages', [controllers.api.Messages, 'store'])
            router.patch('rooms/:id/messages/:seq', [controllers.api.Messages, 'update'])
            router.delete('rooms/:id/messages/:seq', [controllers.api.Messages, 'destroy'])
            router.post('rooms/:id/pins', [controllers.api.Pins, 'store'])
            router.post('rooms/:id/messages/:seq/reactions', [controllers.api.Reactions, 'store'])
            router.delete('rooms/:id/messages/:seq/reactions', [
              controllers.api.Reactions,
              'destroy',
            ])
            router.delete('rooms/:id/pins/:seq', [controllers.api.Pins, 'destroy'])
          })
          .use(throttleMessages)
        router.get('search', [controllers.api.Search, 'index'])
        router.post('chat/tickets', [controllers.ChatTickets, 'store'])
        router.delete('account', [controllers.api.Account, 'destroy'])
        router.put('account/password', [controllers.api.AccountPasswords, 'update'])
        router.get('account/sessions', [controllers.api.AccountSessions, 'index'])
        router.delete('account/sessions/:key', [controllers.api.AccountSessions, 'destroy'])
        router.get('account/tokens', [controllers.api.AccountTokens, 'index'])
        router.delete('account/tokens/:id', [controllers.api.AccountTokens, 'destroy'])
        router.get('account/export', [controllers.AccountExports, 'show'])
        router.get('rooms/:id/invites', [controllers.api.RoomInvites, 'index'])
        router.post('rooms/:id/invites', [controllers.api.RoomInvites, 'store'])
        router.delete('rooms/:id/invites/:inviteId', [controllers.api.RoomInvites, 'destroy'])
        router.get('direct', [controllers.api.DirectMessages, 'index'])
        router.post('direct', [controllers.api.DirectMessages, 'store'])
        router.get('rooms/:id/moderators', [controllers.api.RoomModeration, 'moderatorsIndex'])
        router.post('rooms/:id/moderators', [controllers.api.RoomModeration, 'storeModerator'])
        router.delete('rooms/:id/moderators/:userId', [
          controllers.api.RoomModeration,
          'destroyModerator',
        ])
        router.get('rooms/:id/mutes', [controllers.api.RoomModeration, 'mutesIndex'])
        router.post('rooms/:id/mutes', [controllers.api.RoomModeration, 'storeMute'])
        router.delete('rooms/:id/mutes/:userId', [controllers.api.RoomModeration, 'destroyMute'])
        router.get('admin/users', [controllers.api.AdminUsers, 'index'])
        router.post('admin/users/:userId/deactivation', [controllers.api.AdminUsers, 'deactivate'])
        router.delete('admin/users/:userId/deactivation', [
          controllers.api.AdminUsers,
          'reactivate',
        ])
        router.get('people/:username', [controllers.api.People, 'show'])
        router.put('account/profile', [controllers.api.AccountProfiles, 'update'])
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
  .as('api')
  .use(middleware.apiBodyType())
