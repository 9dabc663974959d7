import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import { appUrl } from '#config/app'
import RoomService from '#services/rooms/room_service'
import InviteService, { inviteProblem } from '#services/invites/invite_service'
import RoomPolicy from '#policies/room_policy'
import { createInviteValidator } from '#validators/invite'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A room owner's invite links: list, create, revoke
 */
@inject()
export default class RoomInvitesController {
  constructor(
    protected rooms: RoomService,
    protected invites: InviteService
  ) {}

  /**
   * The room's invites with their state, and the form for a new one
   */
  async index({ params, view, bouncer, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('manageInvites', room)
    const invites = await this.invites.listForRoom(room)
    return view.render('pages/rooms/invites', {
      room,
      invites: invites.map((invite) => ({ invite, problem: inviteProblem(invite) })),
    })
  }

  /**
   * Creates an invite link; the link is shown once, right after
   */
  async store({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const owner = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, owner)
    await bouncer.with(RoomPolicy).authorize('manageInvites', room)
    const { maxUses, expiresInDays } = await request.validateUsing(createInviteValidator)
    const { token } = await this.invites.create({
      creator: owner,
      room,
      maxUses,
      expiresAt: DateTime.now().plus({ days: expiresInDays }),
    })
    session.flash('success', i18n.t('flash.invite_created'))
    session.flash('inviteLink', new URL(`/invite/${token}`, appUrl).href)
    return response.redirect().toRoute('room_invites.index', { id: room.id })
  }

  /**
   * Revokes one of the room's invites; 404 for none
   */
  async destroy({ params, response, bouncer, auth, session, i18n }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('manageInvites', room)
    if (!(await this.invites.revoke(room, params.inviteId))) {
      return response.notFound(i18n.t('invites.not_found'))
    }
    session.flash('success', i18n.t('flash.invite_revoked'))
    return response.redirect().toRoute('room_invites.index', { id: room.id })
  }
}
