import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import JoinedRoomsService from '#services/rooms/joined_rooms_service'
import RoomPolicy from '#policies/room_policy'
import { updateMembershipValidator } from '#validators/membership'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Joining and leaving a room, and its favourite and notification settings,
 * as plain form posts (they work without JavaScript)
 */
@inject()
export default class RoomMembershipsController {
  constructor(
    protected rooms: RoomService,
    protected joined: JoinedRoomsService
  ) {}

  /**
   * Joins the room and opens it
   */
  async store({ params, response, auth, session, i18n }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    const { created } = await this.joined.join(room, auth.getUserOrFail())
    if (created) {
      session.flash('success', i18n.t('flash.room_joined', { name: room.name }))
    }
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }

  /**
   * Changes the favourite and/or notification level, back where the form was
   */
  async update({ params, request, response, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    const settings = await request.validateUsing(updateMembershipValidator)
    await this.joined.update(room, auth.getUserOrFail(), settings)
    return response.redirect().back()
  }

  /**
   * Leaves the room: back to it when it is public (still readable), to the
   * room list when it is private (gone)
   */
  async destroy({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    await bouncer.with(RoomPolicy).authorize('leave', room)
    await this.joined.leave(room, user)
    session.flash('success', i18n.t('flash.room_left', { name: room.name }))
    return room.isPrivate
      ? response.redirect().toRoute('rooms.index')
      : response.redirect().toRoute('rooms.show', { id: room.id })
  }
}
