import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'home': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'metrics.show': { paramsTuple?: []; params?: {} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
    'locale.update': { paramsTuple?: []; params?: {} }
    'theme.update': { paramsTuple?: []; params?: {} }
    'new_account.create': { paramsTuple?: []; params?: {} }
    'new_account.store': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'password_reset_requests.create': { paramsTuple?: []; params?: {} }
    'password_reset_requests.store': { paramsTuple?: []; params?: {} }
    'password_resets.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'password_resets.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'email_verifications.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'email_verifications.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'dev_mails.index': { paramsTuple?: []; params?: {} }
    'dev_mails.show': { paramsTuple: [ParamValue]; params: {'mail': ParamValue} }
    'dev_mails.html': { paramsTuple: [ParamValue]; params: {'mail': ParamValue} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'rooms.index': { paramsTuple?: []; params?: {} }
    'rooms.store': { paramsTuple?: []; params?: {} }
    'read_markers.index': { paramsTuple?: []; params?: {} }
    'sidebar.show': { paramsTuple?: []; params?: {} }
    'sidebar.direct': { paramsTuple?: []; params?: {} }
    'read_markers.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'rooms.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'rooms.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_settings.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_settings.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_settings.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_settings.unarchive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_settings.transfer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_memberships.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_memberships.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_memberships.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_members.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_members.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_members.confirm_destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'room_members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'messages.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'message_contexts.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'messages.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'message_replies.index': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'messages.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'reactions.create': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'reactions.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'pins.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_webhooks.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_webhooks.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_webhooks.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'webhookId': ParamValue} }
    'pins.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pins.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'search.index': { paramsTuple?: []; params?: {} }
    'chat_tickets.show': { paramsTuple?: []; params?: {} }
    'account.show': { paramsTuple?: []; params?: {} }
    'account.destroy': { paramsTuple?: []; params?: {} }
    'account_passwords.update': { paramsTuple?: []; params?: {} }
    'account_emails.update': { paramsTuple?: []; params?: {} }
    'account_emails.resend': { paramsTuple?: []; params?: {} }
    'account_sessions.destroy': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'account_tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_exports.show': { paramsTuple?: []; params?: {} }
    'room_invites.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_invites.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_invites.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'inviteId': ParamValue} }
    'invites.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'notification_counts.show': { paramsTuple?: []; params?: {} }
    'push_subscriptions.store': { paramsTuple?: []; params?: {} }
    'push_subscriptions.destroy': { paramsTuple?: []; params?: {} }
    'direct_messages.index': { paramsTuple?: []; params?: {} }
    'direct_messages.create': { paramsTuple?: []; params?: {} }
    'direct_messages.store': { paramsTuple?: []; params?: {} }
    'room_moderation.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_moderation.store_moderator': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_moderation.destroy_moderator': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'room_moderation.store_mute': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_moderation.destroy_mute': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'admin.index': { paramsTuple?: []; params?: {} }
    'account_deactivations.store': { paramsTuple: [ParamValue]; params: {'userId': ParamValue} }
    'account_deactivations.destroy': { paramsTuple: [ParamValue]; params: {'userId': ParamValue} }
    'people.show': { paramsTuple: [ParamValue]; params: {'username': ParamValue} }
    'presence.index': { paramsTuple?: []; params?: {} }
    'account_profiles.update': { paramsTuple?: []; params?: {} }
    'account_profiles.time_zone': { paramsTuple?: []; params?: {} }
    'account_avatars.update': { paramsTuple?: []; params?: {} }
    'account_avatars.destroy': { paramsTuple?: []; params?: {} }
    'attachments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'attachments.thumbnail': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'avatars.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'userId': ParamValue,'key': ParamValue,'size': ParamValue} }
    'api_docs.show': { paramsTuple?: []; params?: {} }
    'invites.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'api.access_tokens.store': { paramsTuple?: []; params?: {} }
    'api.incoming_webhooks.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'api.open_api.show': { paramsTuple?: []; params?: {} }
    'api.access_tokens.destroy': { paramsTuple?: []; params?: {} }
    'api.rooms.index': { paramsTuple?: []; params?: {} }
    'api.rooms.store': { paramsTuple?: []; params?: {} }
    'api.read_markers.index': { paramsTuple?: []; params?: {} }
    'api.read_markers.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.rooms.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_settings.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_settings.transfer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_memberships.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_memberships.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_memberships.patch': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_memberships.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_members.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_members.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'api.messages.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.pins.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.reactions.index': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.message_replies.index': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.room_webhooks.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_webhooks.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_webhooks.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'webhookId': ParamValue} }
    'api.messages.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.messages.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.pins.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.reactions.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.reactions.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.pins.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.search.index': { paramsTuple?: []; params?: {} }
    'api.chat_tickets.store': { paramsTuple?: []; params?: {} }
    'api.account.destroy': { paramsTuple?: []; params?: {} }
    'api.account_passwords.update': { paramsTuple?: []; params?: {} }
    'api.account_sessions.index': { paramsTuple?: []; params?: {} }
    'api.account_sessions.destroy': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'api.account_tokens.index': { paramsTuple?: []; params?: {} }
    'api.account_tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.account_exports.show': { paramsTuple?: []; params?: {} }
    'api.room_invites.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_invites.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_invites.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'inviteId': ParamValue} }
    'api.direct_messages.index': { paramsTuple?: []; params?: {} }
    'api.direct_messages.store': { paramsTuple?: []; params?: {} }
    'api.room_moderation.moderators_index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_moderation.store_moderator': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_moderation.destroy_moderator': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'api.room_moderation.mutes_index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_moderation.store_mute': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_moderation.destroy_mute': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'api.admin_users.index': { paramsTuple?: []; params?: {} }
    'api.admin_users.deactivate': { paramsTuple: [ParamValue]; params: {'userId': ParamValue} }
    'api.admin_users.reactivate': { paramsTuple: [ParamValue]; params: {'userId': ParamValue} }
    'api.people.show': { paramsTuple: [ParamValue]; params: {'username': ParamValue} }
    'api.account_profiles.update': { paramsTuple?: []; params?: {} }
  }
  GET: {
    'home': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'metrics.show': { paramsTuple?: []; params?: {} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'new_account.create': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'password_reset_requests.create': { paramsTuple?: []; params?: {} }
    'password_resets.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'email_verifications.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'dev_mails.index': { paramsTuple?: []; params?: {} }
    'dev_mails.show': { paramsTuple: [ParamValue]; params: {'mail': ParamValue} }
    'dev_mails.html': { paramsTuple: [ParamValue]; params: {'mail': ParamValue} }
    'rooms.index': { paramsTuple?: []; params?: {} }
    'read_markers.index': { paramsTuple?: []; params?: {} }
    'sidebar.show': { paramsTuple?: []; params?: {} }
    'sidebar.direct': { paramsTuple?: []; params?: {} }
    'rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'rooms.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_settings.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_members.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_members.confirm_destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'message_contexts.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'messages.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'message_replies.index': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'reactions.create': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'pins.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_webhooks.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'search.index': { paramsTuple?: []; params?: {} }
    'chat_tickets.show': { paramsTuple?: []; params?: {} }
    'account.show': { paramsTuple?: []; params?: {} }
    'account_exports.show': { paramsTuple?: []; params?: {} }
    'room_invites.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'notification_counts.show': { paramsTuple?: []; params?: {} }
    'direct_messages.index': { paramsTuple?: []; params?: {} }
    'direct_messages.create': { paramsTuple?: []; params?: {} }
    'room_moderation.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.index': { paramsTuple?: []; params?: {} }
    'people.show': { paramsTuple: [ParamValue]; params: {'username': ParamValue} }
    'presence.index': { paramsTuple?: []; params?: {} }
    'attachments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'attachments.thumbnail': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'avatars.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'userId': ParamValue,'key': ParamValue,'size': ParamValue} }
    'api_docs.show': { paramsTuple?: []; params?: {} }
    'invites.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'api.open_api.show': { paramsTuple?: []; params?: {} }
    'api.rooms.index': { paramsTuple?: []; params?: {} }
    'api.read_markers.index': { paramsTuple?: []; params?: {} }
    'api.rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_memberships.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_members.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.pins.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.reactions.index': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.message_replies.index': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.room_webhooks.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.search.index': { paramsTuple?: []; params?: {} }
    'api.account_sessions.index': { paramsTuple?: []; params?: {} }
    'api.account_tokens.index': { paramsTuple?: []; params?: {} }
    'api.account_exports.show': { paramsTuple?: []; params?: {} }
    'api.room_invites.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.direct_messages.index': { paramsTuple?: []; params?: {} }
    'api.room_moderation.moderators_index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_moderation.mutes_index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.admin_users.index': { paramsTuple?: []; params?: {} }
    'api.people.show': { paramsTuple: [ParamValue]; params: {'username': ParamValue} }
  }
  HEAD: {
    'home': { paramsTuple?: []; params?: {} }
    'health.live': { paramsTuple?: []; params?: {} }
    'health.ready': { paramsTuple?: []; params?: {} }
    'metrics.show': { paramsTuple?: []; params?: {} }
    'event_stream': { paramsTuple?: []; params?: {} }
    'new_account.create': { paramsTuple?: []; params?: {} }
    'session.create': { paramsTuple?: []; params?: {} }
    'password_reset_requests.create': { paramsTuple?: []; params?: {} }
    'password_resets.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'email_verifications.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'dev_mails.index': { paramsTuple?: []; params?: {} }
    'dev_mails.show': { paramsTuple: [ParamValue]; params: {'mail': ParamValue} }
    'dev_mails.html': { paramsTuple: [ParamValue]; params: {'mail': ParamValue} }
    'rooms.index': { paramsTuple?: []; params?: {} }
    'read_markers.index': { paramsTuple?: []; params?: {} }
    'sidebar.show': { paramsTuple?: []; params?: {} }
    'sidebar.direct': { paramsTuple?: []; params?: {} }
    'rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'rooms.confirm_destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_settings.edit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_members.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_members.confirm_destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'message_contexts.show': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'messages.edit': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'message_replies.index': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'reactions.create': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'pins.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_webhooks.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'search.index': { paramsTuple?: []; params?: {} }
    'chat_tickets.show': { paramsTuple?: []; params?: {} }
    'account.show': { paramsTuple?: []; params?: {} }
    'account_exports.show': { paramsTuple?: []; params?: {} }
    'room_invites.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'notification_counts.show': { paramsTuple?: []; params?: {} }
    'direct_messages.index': { paramsTuple?: []; params?: {} }
    'direct_messages.create': { paramsTuple?: []; params?: {} }
    'room_moderation.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'admin.index': { paramsTuple?: []; params?: {} }
    'people.show': { paramsTuple: [ParamValue]; params: {'username': ParamValue} }
    'presence.index': { paramsTuple?: []; params?: {} }
    'attachments.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'attachments.thumbnail': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'avatars.show': { paramsTuple: [ParamValue,ParamValue,ParamValue]; params: {'userId': ParamValue,'key': ParamValue,'size': ParamValue} }
    'api_docs.show': { paramsTuple?: []; params?: {} }
    'invites.show': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'api.open_api.show': { paramsTuple?: []; params?: {} }
    'api.rooms.index': { paramsTuple?: []; params?: {} }
    'api.read_markers.index': { paramsTuple?: []; params?: {} }
    'api.rooms.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_memberships.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_members.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.pins.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.reactions.index': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.message_replies.index': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.room_webhooks.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.search.index': { paramsTuple?: []; params?: {} }
    'api.account_sessions.index': { paramsTuple?: []; params?: {} }
    'api.account_tokens.index': { paramsTuple?: []; params?: {} }
    'api.account_exports.show': { paramsTuple?: []; params?: {} }
    'api.room_invites.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.direct_messages.index': { paramsTuple?: []; params?: {} }
    'api.room_moderation.moderators_index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_moderation.mutes_index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.admin_users.index': { paramsTuple?: []; params?: {} }
    'api.people.show': { paramsTuple: [ParamValue]; params: {'username': ParamValue} }
  }
  POST: {
    'subscribe': { paramsTuple?: []; params?: {} }
    'unsubscribe': { paramsTuple?: []; params?: {} }
    'locale.update': { paramsTuple?: []; params?: {} }
    'theme.update': { paramsTuple?: []; params?: {} }
    'new_account.store': { paramsTuple?: []; params?: {} }
    'session.store': { paramsTuple?: []; params?: {} }
    'password_reset_requests.store': { paramsTuple?: []; params?: {} }
    'password_resets.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'email_verifications.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'session.destroy': { paramsTuple?: []; params?: {} }
    'rooms.store': { paramsTuple?: []; params?: {} }
    'read_markers.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_settings.archive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_memberships.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_members.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'reactions.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'room_webhooks.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'pins.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_emails.resend': { paramsTuple?: []; params?: {} }
    'room_invites.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'invites.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'push_subscriptions.store': { paramsTuple?: []; params?: {} }
    'direct_messages.store': { paramsTuple?: []; params?: {} }
    'room_moderation.store_moderator': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_moderation.store_mute': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'account_deactivations.store': { paramsTuple: [ParamValue]; params: {'userId': ParamValue} }
    'api.access_tokens.store': { paramsTuple?: []; params?: {} }
    'api.incoming_webhooks.store': { paramsTuple: [ParamValue]; params: {'token': ParamValue} }
    'api.rooms.store': { paramsTuple?: []; params?: {} }
    'api.room_members.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_webhooks.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.pins.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.reactions.store': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.chat_tickets.store': { paramsTuple?: []; params?: {} }
    'api.room_invites.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.direct_messages.store': { paramsTuple?: []; params?: {} }
    'api.room_moderation.store_moderator': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_moderation.store_mute': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.admin_users.deactivate': { paramsTuple: [ParamValue]; params: {'userId': ParamValue} }
  }
  DELETE: {
    'rooms.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_settings.unarchive': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_memberships.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'messages.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'room_webhooks.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'webhookId': ParamValue} }
    'pins.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'account.destroy': { paramsTuple?: []; params?: {} }
    'account_sessions.destroy': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'account_tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_invites.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'inviteId': ParamValue} }
    'push_subscriptions.destroy': { paramsTuple?: []; params?: {} }
    'room_moderation.destroy_moderator': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'room_moderation.destroy_mute': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'account_deactivations.destroy': { paramsTuple: [ParamValue]; params: {'userId': ParamValue} }
    'account_avatars.destroy': { paramsTuple?: []; params?: {} }
    'api.access_tokens.destroy': { paramsTuple?: []; params?: {} }
    'api.rooms.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_memberships.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_members.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'api.room_webhooks.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'webhookId': ParamValue} }
    'api.messages.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.reactions.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.pins.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'api.account.destroy': { paramsTuple?: []; params?: {} }
    'api.account_sessions.destroy': { paramsTuple: [ParamValue]; params: {'key': ParamValue} }
    'api.account_tokens.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_invites.destroy': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'inviteId': ParamValue} }
    'api.room_moderation.destroy_moderator': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'api.room_moderation.destroy_mute': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'userId': ParamValue} }
    'api.admin_users.reactivate': { paramsTuple: [ParamValue]; params: {'userId': ParamValue} }
  }
  PUT: {
    'room_settings.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'room_settings.transfer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'messages.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
    'account_passwords.update': { paramsTuple?: []; params?: {} }
    'account_emails.update': { paramsTuple?: []; params?: {} }
    'account_profiles.update': { paramsTuple?: []; params?: {} }
    'account_profiles.time_zone': { paramsTuple?: []; params?: {} }
    'account_avatars.update': { paramsTuple?: []; params?: {} }
    'api.read_markers.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_settings.transfer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_memberships.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.account_passwords.update': { paramsTuple?: []; params?: {} }
    'api.account_profiles.update': { paramsTuple?: []; params?: {} }
  }
  PATCH: {
    'room_memberships.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_settings.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.room_memberships.patch': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.update': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'seq': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}