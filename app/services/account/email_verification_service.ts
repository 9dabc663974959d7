import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { errors as vineErrors } from '@vinejs/vine'
import { DateTime } from 'luxon'
import User from '#models/user'
import { accountEmail } from '#config/mail'
import EmailVerificationMail from '#mails/email_verification_mail'
import { mailTasks } from '#helpers/background_tasks'
import { mailLinkUrl } from '#services/mail/mail_link_url'
import MailLinkTokens, { MAIL_LINK_HOURS } from '#services/account/mail_link_tokens'
import MailLinkUnusableException from '#exceptions/mail_link_unusable_exception'
import type { I18n } from '@adonisjs/i18n'

/**
 * PostgreSQL's unique violation (two accounts claiming one address at once)
 */
const UNIQUE_VIOLATION = '23505'

/**
 * E-mail addresses of accounts: changing one and verifying it with a
 * mailed link (unless EMAIL_VERIFICATION=off)
 */
@inject()
export default class EmailVerificationService {
  constructor(protected tokens: MailLinkTokens) {}

  /**
   * Mails a verification link to the user's unverified address, without
   * waiting for it (nothing when verification is off)
   */
  send(user: User, i18n: I18n) {
    if (accountEmail.verification === 'off' || !user.email || user.emailVerifiedAt) return
    const userId = user.id
    mailTasks.run('verification mail', () => this.#mailLink(userId, i18n))
  }

  /**
   * Marks the address a link was mailed to as verified (using the link up)
   * while the account still has it
   */
  async verify(token: string) {
    return db.transaction(async (trx) => {
      const owner = await this.tokens.consume(token, 'email_verification', trx)
      const account = await User.query({ client: trx })
        .where('id', owner.userId)
        .forUpdate()
        .first()
      if (!account?.email || account.email.toLowerCase() !== owner.email.toLowerCase()) {
        throw new MailLinkUnusableException('invalid', 'email_verification')
      }
      account.emailVerifiedAt ??= DateTime.now()
      await account.useTransaction(trx).save()
      return account
    })
  }

  /**
   * Sets (or, with null, removes) the user's address: unverified, its older
   * links void; a verification link goes to the new one
   */
  async change(user: User, email: string | null, i18n: I18n) {
    if (email?.toLowerCase() === user.email?.toLowerCase()) {
      if (email !== user.email) {
        user.email = email
        await user.save()
      }
      return
    }
    try {
      await db.transaction(async (trx) => {
        await this.tokens.revoke(user.id, ['password_reset', 'email_verification'], trx)
        user.email = email
        user.emailVerifiedAt = null
        await user.useTransaction(trx).save()
      })
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error
      throw new vineErrors.E_VALIDATION_ERROR([
        { field: 'email', rule: 'database.unique', message: i18n.t('mail.account.email_taken') },
      ])
    }
    this.send(user, i18n)
  }

  async #mailLink(userId: number, i18n: I18n) {
    const user = await User.find(userId)
    if (!user?.email || user.emailVerifiedAt) return
    const token = await this.tokens.issue(user, 'email_verification', user.email)
    await mail.send(
      new EmailVerificationMail(
        user.email,
        user.username,
        mailLinkUrl('email_verifications.show', token),
        MAIL_LINK_HOURS.email_verification,
        i18n
      )
    )
  }
}
