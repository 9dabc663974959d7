import { BaseMail } from '@adonisjs/mail'
import type { I18n } from '@adonisjs/i18n'

/**
 * The password reset link, in the language the reset was asked in
 */
export default class PasswordResetMail extends BaseMail {
  constructor(
    protected email: string,
    protected username: string,
    protected url: string,
    protected minutes: number,
    protected i18n: I18n
  ) {
    super()
  }

  /**
   * Recipient, subject and both bodies
   */
  prepare() {
    const data = { i18n: this.i18n, username: this.username, url: this.url, minutes: this.minutes }
    this.message
      .to(this.email)
      .subject(this.i18n.t('mail.reset_mail.subject'))
      .htmlView('emails/password_reset_html', data)
      .textView('emails/password_reset_text', data)
  }
}
