import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A post, edit, pin or reaction refused because the room is archived
 * (read-only). API clients get 409 E_ROOM_ARCHIVED; a browser form goes back
 * to the room with the reason flashed.
 */
export default class RoomArchivedException extends Exception {
  static status = 409
  static code = 'E_ROOM_ARCHIVED'

  constructor() {
    super('The room is archived: it is read-only')
  }

  /**
   * Browsers only: the exception handler answers /api requests itself
   */
  async handle(_error: this, { session, i18n, response }: HttpContext) {
    session.flash('error', i18n.t('room_settings.archived_refusal'))
    return response.redirect().back()
  }
}
