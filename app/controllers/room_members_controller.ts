import { inject } from '@adonisjs/core'
import RoomMembershipService from '#services/rooms/room_membership_service'
import RoomPolicy from '#policies/room_policy'
import { inviteMemberValidator } from '#validators/room'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The members page of a private room: everyone in it sees the list, the
 * owner invites and removes, members leave
 */
@inject()
export default class RoomMembersController {
  constructor(protected membership: RoomMembershipService) {}

  /**
   * The member list, with the invite form for the owner
   */
  async index({ params, view, auth }: HttpContext) {
    const room = await this.membership.findRoomOrFail(params.id, auth.getUserOrFail())
    const members = await this.membership.list(room)
    return view.render('pages/rooms/members', { room, members })
  }

  /**
   * Invites a user by username; only the owner may
   */
  async store({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const room = await this.membership.findRoomOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('manageMembers', room)
    const { username } = await request.validateUsing(inviteMemberValidator)
    const member = await this.membership.invite(room, username)
    session.flash('success', i18n.t('flash.member_invited', { username: member.username }))
    return response.redirect().toRoute('room_members.index', { id: room.id })
  }

  /**
   * Asks to confirm removing a member (the owner) or leaving the room (a
   * member); with JavaScript the members page asks in a dialog instead
   */
  async confirmDestroy({ params, view, auth, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.membership.findRoomOrFail(params.id, user)
    await bouncer.with(RoomPolicy).authorize('removeMember', room, params.userId)
    const member = await this.membership.findMemberOrFail(room, params.userId)
    return view.render('pages/rooms/confirm_remove_member', {
      room,
      member,
      leaving: member.id === user.id,
    })
  }

  /**
   * Removes a member (the owner) or leaves the room (a member removing themselves)
   */
  async destroy({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.membership.findRoomOrFail(params.id, user)
    const memberId = params.userId
    await bouncer.with(RoomPolicy).authorize('removeMember', room, memberId)
    await this.membership.remove(room, memberId)
    if (memberId === user.id) {
      session.flash('success', i18n.t('flash.room_left', { name: room.name }))
      return response.redirect().toRoute('rooms.index')
    }
    session.flash('success', i18n.t('flash.member_removed'))
    return response.redirect().toRoute('room_members.index', { id: room.id })
  }
}
