import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import { CHANGE_REFUSALS, type ChangeRefusal } from '#chat/index'

/**
 * HTTP status and code of each refusal; the message is the chat's (browsers
 * see errors.message_change.<refusal>)
 */
const REFUSALS: Record<ChangeRefusal, { status: number; code: string }> = {
  room_not_found: { status: 404, code: 'E_ROOM_NOT_FOUND' },
  message_not_found: { status: 404, code: 'E_MESSAGE_NOT_FOUND' },
  message_deleted: { status: 409, code: 'E_MESSAGE_DELETED' },
  forbidden: { status: 403, code: 'E_MESSAGE_FORBIDDEN' },
  already_pinned: { status: 409, code: 'E_ALREADY_PINNED' },
  not_pinned: { status: 409, code: 'E_NOT_PINNED' },
  already_reacted: { status: 409, code: 'E_ALREADY_REACTED' },
  not_reacted: { status: 409, code: 'E_NOT_REACTED' },
  too_many_reactions: { status: 422, code: 'E_TOO_MANY_REACTIONS' },
  reply_parent_not_found: { status: 422, code: 'E_REPLY_PARENT_NOT_FOUND' },
  reply_parent_deleted: { status: 422, code: 'E_REPLY_PARENT_DELETED' },
}

/**
 * The chat store refused to edit or delete a message. API clients get the
 * JSON error; a browser form goes back to the room with the reason flashed.
 */
export default class MessageChangeRefusedException extends Exception {
  constructor(readonly refusal: ChangeRefusal) {
    const { status, code } = REFUSALS[refusal]
    super(CHANGE_REFUSALS[refusal], { status, code })
  }

  /**
   * Browsers only: the exception handler answers /api requests itself
   */
  async handle(_error: this, { session, i18n, response }: HttpContext) {
    session.flash('error', i18n.t(`errors.message_change.${this.refusal}`))
    return response.redirect().back()
  }
}
