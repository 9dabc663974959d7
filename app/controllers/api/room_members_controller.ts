import { inject } from '@adonisjs/core'
import RoomMembershipService from '#services/rooms/room_membership_service'
import RoomPolicy from '#policies/room_policy'
import MemberTransformer from '#transformers/member_transformer'
import { inviteMemberValidator } from '#validators/room'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Members of private rooms as JSON for API clients
 */
@inject()
export default class RoomMembersController {
  constructor(protected membership: RoomMembershipService) {}

  /**
   * The members of a private room the token's user is in
   */
  async index({ params, auth, serialize }: HttpContext) {
    const room = await this.membership.findRoomOrFail(params.id, auth.getUserOrFail())
    const members = await this.membership.list(room)
    return serialize(MemberTransformer.transform(members, room))
  }

  /**
   * Invites `{ username }`; only the owner may
   */
  async store({ params, request, response, auth, bouncer, serialize }: HttpContext) {
    const room = await this.membership.findRoomOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('manageMembers', room)
    const { username } = await request.validateUsing(inviteMemberValidator)
    const member = await this.membership.invite(room, username)
    return response.created(await serialize(MemberTransformer.transform(member, room)))
  }

  /**
   * Removes a member (the owner) or leaves (a member removing themselves)
   */
  async destroy({ params, response, auth, bouncer }: HttpContext) {
    const room = await this.membership.findRoomOrFail(params.id, auth.getUserOrFail())
    const memberId = params.userId
    await bouncer.with(RoomPolicy).authorize('removeMember', room, memberId)
    await this.membership.remove(room, memberId)
    return response.noContent()
  }
}
