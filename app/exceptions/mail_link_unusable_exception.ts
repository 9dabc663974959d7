import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import type { MailLinkPurpose } from '#services/account/mail_link_tokens'

/**
 * Why a mailed link cannot be used: unknown or already used, or expired
 */
export type MailLinkProblem = 'invalid' | 'expired'

const PROBLEMS: Record<MailLinkProblem, { code: string; status: number; message: string }> = {
  invalid: {
    code: 'E_LINK_INVALID',
    status: 404,
    message: 'This link is not valid or was already used',
  },
  expired: { code: 'E_LINK_EXPIRED', status: 410, message: 'This link has expired' },
}

/**
 * A password reset or verification link that is unknown, used or expired:
 * a page saying which (404 or 410) with a way to get a new one of its kind
 */
export default class MailLinkUnusableException extends Exception {
  constructor(
    readonly problem: MailLinkProblem,
    readonly purpose: MailLinkPurpose
  ) {
    super(PROBLEMS[problem].message, {
      code: PROBLEMS[problem].code,
      status: PROBLEMS[problem].status,
    })
  }

  /**
   * The link page with the reason in the reader's language
   */
  async handle(error: this, ctx: HttpContext) {
    ctx.response.header('referrer-policy', 'no-referrer')
    const page = await ctx.view.render('pages/mail/link_unusable', {
      problem: error.problem,
      purpose: error.purpose,
    })
    return ctx.response.status(error.status).send(page)
  }
}
