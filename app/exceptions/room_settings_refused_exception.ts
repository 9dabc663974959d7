import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Why a change of a room's settings was refused
 */
type SettingsRefusal = 'E_ROOM_NAME_TAKEN' | 'E_UNKNOWN_USER' | 'E_NOT_MEMBER' | 'E_ALREADY_OWNER'

const REFUSALS: Record<SettingsRefusal, { field: string; message: string; translation: string }> = {
  E_ROOM_NAME_TAKEN: {
    field: 'name',
    message: 'Another room already has this name',
    translation: 'room_settings.errors.name_taken',
  },
  E_UNKNOWN_USER: {
    field: 'username',
    message: 'No user has this username',
    translation: 'room_settings.errors.unknown_user',
  },
  E_NOT_MEMBER: {
    field: 'username',
    message: 'The new owner must be a member of the room',
    translation: 'room_settings.errors.not_member',
  },
  E_ALREADY_OWNER: {
    field: 'username',
    message: 'This person already owns the room',
    translation: 'room_settings.errors.already_owner',
  },
}

/**
 * A new name another room in its scope has, or a new owner who is unknown,
 * not a member or the owner already. Forms show it under its field; the API
 * answers 422 with the code.
 */
export default class RoomSettingsRefusedException extends Exception {
  static status = 422

  constructor(readonly refusal: SettingsRefusal) {
    super(REFUSALS[refusal].message, { code: refusal })
  }

  /**
   * Back to the form with the message under its field
   */
  async handle(error: this, ctx: HttpContext) {
    const refusal = REFUSALS[error.refusal]
    ctx.session.flashExcept(['_csrf', '_method'])
    ctx.session.flash('inputErrorsBag', { [refusal.field]: [ctx.i18n.t(refusal.translation)] })
    return ctx.response.redirect().back()
  }
}
