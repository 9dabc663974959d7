import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import Room from '#models/room'
import { accountEmail, emailRequired } from '#config/mail'
import { deleteAccountFormValidator } from '#validators/user'
import AccountRefusedException from '#exceptions/account_refused_exception'
import { validateSecretForm } from '#helpers/validate_secret_form'
import { checkPassword } from '#services/account/password_check'
import SessionDevicesService from '#services/account/session_devices_service'
import AccessTokensService from '#services/account/access_tokens_service'
import AccountDeletionService from '#services/account/account_deletion_service'
import { vapidKeys } from '#services/notifications/vapid_keys'
import { clientTextsJson } from '#helpers/client_texts'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The account page of the signed-in user, and deleting the account
 */
export default class AccountController {
  /**
   * E-mail address, password, sessions, API tokens, notifications, data export and
   * account deletion
   */
  @inject()
  async show(
    { view, auth, session, i18n }: HttpContext,
    devices: SessionDevicesService,
    tokens: AccessTokensService
  ) {
    const user = auth.getUserOrFail()
    const sessions = await devices.list(user.id, session)
    const tokenList = await tokens.list(user)
    const vapid = await vapidKeys()
    return view.render('pages/account/show', {
      sessions: sessions.map((entry) => ({
        ...entry,
        lastSeen: entry.lastSeenAt ? DateTime.fromISO(entry.lastSeenAt) : null,
      })),
      tokens: tokenList.map((token) => ({
        ...token,
        created: DateTime.fromISO(token.createdAt),
        lastUsed: token.lastUsedAt ? DateTime.fromISO(token.lastUsedAt) : null,
      })),
      ownedRooms: await Room.query()
        .where('owner_id', user.id)
        .where('kind', 'room')
        .orderBy('name'),
      vapidPublicKey: vapid.publicKey,
      notificationTexts: clientTextsJson(i18n, 'notifications.client'),
      emailVerification: accountEmail.verification,
      emailNeeded: emailRequired(),
    })
  }

  /**
   * Deletes the account after checking its password, then signs out
   */
  @inject()
  async destroy(ctx: HttpContext, deletion: AccountDeletionService) {
    const { request, response, auth, session, i18n } = ctx
    const input = await validateSecretForm(
      ctx,
      () => request.validateUsing(deleteAccountFormValidator),
      'account.show'
    )
    if (!input) return
    const user = auth.use('web').getUserOrFail()
    await checkPassword(request.ip(), user, input.deletePassword, 'deletePassword')
    try {
      await deletion.delete(user)
    } catch (error) {
      if (error instanceof AccountRefusedException) {
        throw new AccountRefusedException(error.refusal, 'deletePassword')
      }
      throw error
    }
    await auth.use('web').logout()
    session.flash('success', i18n.t('flash.account_deleted'))
    return response.redirect().toRoute('home')
  }
}
