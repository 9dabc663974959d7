import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import User from '#models/user'
import PasswordResetMail from '#mails/password_reset_mail'
import { mailTasks } from '#helpers/background_tasks'
import { mailLinkUrl } from '#services/mail/mail_link_url'
import MailLinkTokens, { MAIL_LINK_HOURS } from '#services/account/mail_link_tokens'
import MailLinkUnusableException from '#exceptions/mail_link_unusable_exception'
import SessionDevicesService from '#services/account/session_devices_service'
import type { I18n } from '@adonisjs/i18n'

/**
 * Password reset by e-mail. Asking answers the same, equally fast, whether
 * or not an account uses the address: the look-up and the mail happen
 * after the answer. A reset link works once, for an hour, and only while
 * the account still has the address it was mailed to.
 */
@inject()
export default class PasswordResetService {
  constructor(
    protected tokens: MailLinkTokens,
    protected devices: SessionDevicesService
  ) {}

  /**
   * Mails a reset link to the account using `email` (ignoring case), if
   * any, without waiting for it
   */
  request(email: string, i18n: I18n) {
    mailTasks.run('password reset mail', () => this.#mailLink(email, i18n))
  }

  /**
   * Sets a new password with a reset link (using it up), counts the address
   * as verified, and ends every browser session of the account with its
   * chat sockets, as a password change does
   */
  async reset(token: string, password: string) {
    const user = await db.transaction(async (trx) => {
      const owner = await this.tokens.consume(token, 'password_reset', trx)
      const account = await User.query({ client: trx })
        .where('id', owner.userId)
        .forUpdate()
        .first()
      if (!account?.email || account.email.toLowerCase() !== owner.email.toLowerCase()) {
        throw new MailLinkUnusableException('invalid', 'password_reset')
      }
      account.password = password
      account.emailVerifiedAt ??= DateTime.now()
      await account.useTransaction(trx).save()
      return account
    })
    await this.devices.endAllBut(user.id)
    return user
  }

  async #mailLink(email: string, i18n: I18n) {
    const user = await User.findByEmail(email)
    if (!user?.email) return
    const token = await this.tokens.issue(user, 'password_reset', user.email)
    await mail.send(
      new PasswordResetMail(
        user.email,
        user.username,
        mailLinkUrl('password_resets.show', token),
        MAIL_LINK_HOURS.password_reset,
        i18n
      )
    )
  }
}
