import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import JoinedRoomsService from '#services/rooms/joined_rooms_service'
import RoomPolicy from '#policies/room_policy'
import MembershipTransformer from '#transformers/membership_transformer'
import MembershipRequiredException from '#exceptions/membership_required_exception'
import { updateMembershipValidator } from '#validators/membership'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The token user's membership of a room as JSON: join, settings, leave
 */
@inject()
export default class RoomMembershipsController {
  constructor(
    protected rooms: RoomService,
    protected joined: JoinedRoomsService
  ) {}

  /**
   * The membership; 409 E_NOT_MEMBER when the user has not joined
   */
  async show({ params, auth, serialize }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    const membership = await this.joined.find(room, auth.getUserOrFail())
    if (!membership) {
      throw new MembershipRequiredException()
    }
    return serialize(MembershipTransformer.transform(membership))
  }

  /**
   * Joins the room: 201 when new, 200 when already a member
   */
  async update({ params, auth, response, serialize }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    const { membership, created } = await this.joined.join(room, auth.getUserOrFail())
    response.status(created ? 201 : 200)
    return serialize(MembershipTransformer.transform(membership))
  }

  /**
   * Changes `favourite` and/or `notificationLevel`
   */
  async patch({ params, request, auth, serialize }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    const settings = await request.validateUsing(updateMembershipValidator)
    const membership = await this.joined.update(room, auth.getUserOrFail(), settings)
    return serialize(MembershipTransformer.transform(membership))
  }

  /**
   * Leaves the room (204 also when not a member)
   */
  async destroy({ params, auth, bouncer, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    await bouncer.with(RoomPolicy).authorize('leave', room)
    await this.joined.leave(room, user)
    return response.noContent()
  }
}
