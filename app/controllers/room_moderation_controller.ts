import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import RoomModeratorsService from '#services/moderation/room_moderators_service'
import RoomMutesService, { MUTE_DURATIONS } from '#services/moderation/room_mutes_service'
import RoomPolicy from '#policies/room_policy'
import { appointModeratorValidator, muteValidator } from '#validators/moderation'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A room's moderation page: the owner chooses moderators; the owner,
 * moderators and the admin mute people for a time and end mutes
 */
@inject()
export default class RoomModerationController {
  constructor(
    protected rooms: RoomService,
    protected moderators: RoomModeratorsService,
    protected mutes: RoomMutesService
  ) {}

  /**
   * The moderators and running mutes, with the forms its viewer may use
   */
  async index({ params, view, auth, bouncer }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    return view.render('pages/moderation/room', {
      room,
      moderators: await this.moderators.list(room),
      mutes: await this.mutes.active(room),
      durations: MUTE_DURATIONS,
    })
  }

  /**
   * Makes `username` a moderator; only the owner may
   */
  async storeModerator({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('manageModerators', room)
    const { username } = await request.validateUsing(appointModeratorValidator)
    const moderator = await this.moderators.appoint(room, username)
    session.flash('success', i18n.t('moderation.flash.appointed', { username: moderator.username }))
    return response.redirect().toRoute('room_moderation.index', { id: room.id })
  }

  /**
   * Ends a moderator's role; only the owner may
   */
  async destroyModerator({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('manageModerators', room)
    await this.moderators.dismiss(room, params.userId)
    session.flash('success', i18n.t('moderation.flash.dismissed'))
    return response.redirect().toRoute('room_moderation.index', { id: room.id })
  }

  /**
   * Mutes `username` in the room for `minutes`
   */
  async storeMute({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    const { username, minutes } = await request.validateUsing(muteValidator)
    const mute = await this.mutes.mute(room, username, minutes, user)
    session.flash(
      'success',
      i18n.t('moderation.flash.muted', { username: mute.user.username, until: mute.until.toJSDate() })
    )
    return response.redirect().toRoute('room_moderation.index', { id: room.id })
  }

  /**
   * Ends a mute
   */
  async destroyMute({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    await this.mutes.unmute(room, params.userId)
    session.flash('success', i18n.t('moderation.flash.unmuted'))
    return response.redirect().toRoute('room_moderation.index', { id: room.id })
  }
}
