import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import type { ChangeRefusal } from '#chat/src/message_store'

/**
 * Status, code and message of each refusal (browsers see errors.message_change.<refusal>)
 */
const REFUSALS: Record<ChangeRefusal, { status: number; code: string; message: string }> = {
  room_not_found: { status: 404, code: 'E_ROOM_NOT_FOUND', message: 'No such room' },
  message_not_found: {
    status: 404,
    code: 'E_MESSAGE_NOT_FOUND',
    message: 'No such message in this room',
  },
  message_deleted: { status: 409, code: 'E_MESSAGE_DELETED', message: 'The message was deleted' },
  forbidden: {
    status: 403,
    code: 'E_MESSAGE_FORBIDDEN',
    message: 'Only its author may edit a message; its author or the room owner may delete it',
  },
}

/**
 * The chat store refused to edit or delete a message. API clients get the
 * JSON error; a browser form goes back to the room with the reason flashed.
 */
export default class MessageChangeRefusedException extends Exception {
  constructor(readonly refusal: ChangeRefusal) {
    const { status, code, message } = REFUSALS[refusal]
    super(message, { status, code })
  }

  /**
   * Browsers only: the exception handler answers /api requests itself
   */
  async handle(_error: this, { session, i18n, response }: HttpContext) {
    session.flash('error', i18n.t(`errors.message_change.${this.refusal}`))
    return response.redirect().back()
  }
}
