import { mailFolder, mailerName } from '#config/mail'
import { MailFolder } from '#services/mail/mail_folder'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The CSP of a mail's HTML body: shown sandboxed in a frame of the viewer,
 * without scripts, forms or outside resources
 */
const MAIL_BODY_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"

/**
 * The development mail viewer (`/dev/mail`, never in production): the
 * mails the file mailer wrote under MAIL_DIR, newest first
 */
export default class DevMailsController {
  #folder = new MailFolder(mailFolder)

  /**
   * Every stored mail
   */
  async index({ view }: HttpContext) {
    const mails = await this.#folder.list()
    return view.render('pages/mail/dev_index', { mails, mailerName, folder: mailFolder })
  }

  /**
   * One mail: headers, the links in its text, its text, and its HTML in a
   * sandboxed frame
   */
  async show({ params, view, response }: HttpContext) {
    const mail = await this.#folder.find(params.mail)
    if (!mail) return response.notFound(await view.render('pages/errors/not_found'))
    const links = mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? []
    return view.render('pages/mail/dev_show', { mail, links })
  }

  /**
   * A mail's HTML body on its own, for the viewer's frame
   */
  async html({ params, view, response }: HttpContext) {
    const mail = await this.#folder.find(params.mail)
    if (!mail) return response.notFound(await view.render('pages/errors/not_found'))
    response.header('content-security-policy', MAIL_BODY_CSP)
    response.header('x-frame-options', 'SAMEORIGIN')
    return response.type('html').send(mail.html)
  }
}
