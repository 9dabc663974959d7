import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import RoomModeratorsService from '#services/moderation/room_moderators_service'
import RoomMutesService from '#services/moderation/room_mutes_service'
import RoomPolicy from '#policies/room_policy'
import { appointModeratorValidator, muteValidator } from '#validators/moderation'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A room's moderators and mutes as JSON for API clients
 */
@inject()
export default class RoomModerationController {
  constructor(
    protected rooms: RoomService,
    protected moderators: RoomModeratorsService,
    protected mutes: RoomMutesService
  ) {}

  /**
   * The room's moderators (whoever moderates it may read them)
   */
  async moderatorsIndex({ params, auth, bouncer }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    const moderators = await this.moderators.list(room)
    return { data: moderators.map(({ id, username }) => ({ id, username })) }
  }

  /**
   * Makes `{ username }` a moderator; only the owner may
   */
  async storeModerator({ params, request, response, auth, bouncer }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('manageModerators', room)
    const { username } = await request.validateUsing(appointModeratorValidator)
    const moderator = await this.moderators.appoint(room, username)
    return response.created({ data: { id: moderator.id, username: moderator.username } })
  }

  /**
   * Ends a moderator's role; only the owner may; 404 when they were none
   */
  async destroyModerator({ params, response, auth, bouncer }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('manageModerators', room)
    if (!(await this.moderators.dismiss(room, params.userId))) {
      return response.notFound({
        errors: [{ code: 'E_NOT_MODERATOR', message: 'This user is not a moderator of the room' }],
      })
    }
    return response.noContent()
  }

  /**
   * The mutes still running in the room
   */
  async mutesIndex({ params, auth, bouncer }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    const mutes = await this.mutes.active(room)
    return { data: mutes.map((mute) => ({ ...mute, until: mute.until.toJSDate().toISOString() })) }
  }

  /**
   * Mutes `{ username, minutes }` in the room
   */
  async storeMute({ params, request, response, auth, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    const { username, minutes } = await request.validateUsing(muteValidator)
    const mute = await this.mutes.mute(room, username, minutes, user)
    return response.created({
      data: {
        id: mute.user.id,
        username: mute.user.username,
        until: mute.until.toJSDate().toISOString(),
      },
    })
  }

  /**
   * Ends a mute; 404 when there was none
   */
  async destroyMute({ params, response, auth, bouncer }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    if (!(await this.mutes.unmute(room, params.userId))) {
      return response.notFound({
        errors: [{ code: 'E_NOT_MUTED', message: 'This user is not muted in the room' }],
      })
    }
    return response.noContent()
  }
}
