import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Why an invite link cannot be used (see InviteService.inspect)
 */
export type InviteProblem = 'unknown' | 'expired' | 'used_up' | 'revoked'

const PROBLEMS: Record<InviteProblem, { code: string; status: number; message: string }> = {
  unknown: { code: 'E_INVITE_UNKNOWN', status: 404, message: 'This invite link does not exist' },
  expired: { code: 'E_INVITE_EXPIRED', status: 410, message: 'This invite link has expired' },
  used_up: { code: 'E_INVITE_USED_UP', status: 410, message: 'This invite link has been used up' },
  revoked: { code: 'E_INVITE_REVOKED', status: 410, message: 'This invite link was revoked' },
}

/**
 * An invite link that is unknown, expired, used up or revoked: a page
 * saying which (404 or 410), or `{ errors: [{ code, message }] }`
 */
export default class InviteUnusableException extends Exception {
  constructor(readonly problem: InviteProblem) {
    super(PROBLEMS[problem].message, {
      code: PROBLEMS[problem].code,
      status: PROBLEMS[problem].status,
    })
  }

  /**
   * The invite page with the reason in the reader's language
   */
  async handle(error: this, ctx: HttpContext) {
    const page = await ctx.view.render('pages/invites/unusable', { problem: error.problem })
    return ctx.response.status(error.status).send(page)
  }
}
