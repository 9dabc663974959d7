import { BaseMail } from '@adonisjs/mail'
import type { I18n } from '@adonisjs/i18n'

/**
 * The link that confirms an account's e-mail address
 */
export default class EmailVerificationMail extends BaseMail {
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
      .subject(this.i18n.t('mail.verify_mail.subject'))
      .htmlView('emails/email_verification_html', data)
      .textView('emails/email_verification_text', data)
  }
}
