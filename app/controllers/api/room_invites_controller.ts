import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import { appUrl } from '#config/app'
import RoomService from '#services/rooms/room_service'
import InviteService, { inviteProblem } from '#services/invites/invite_service'
import RoomPolicy from '#policies/room_policy'
import { createInviteValidator } from '#validators/invite'
import type Invite from '#models/invite'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * An invite as the API shows it (never its token, which only creation returns)
 */
function inviteJson(invite: Invite) {
  return {
    id: invite.id,
    uses: invite.uses,
    maxUses: invite.maxUses,
    expiresAt: invite.expiresAt.toISO(),
    revokedAt: invite.revokedAt?.toISO() ?? null,
    state: inviteProblem(invite) ?? 'active',
  }
}

/**
 * A room owner's invite links through the API
 */
@inject()
export default class RoomInvitesController {
  constructor(
    protected rooms: RoomService,
    protected invites: InviteService
  ) {}

  /**
   * `{ data: [{ id, uses, maxUses, expiresAt, revokedAt, state }] }` (owner only, else 403)
   */
  async index({ params, bouncer, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('manageInvites', room)
    const invites = await this.invites.listForRoom(room)
    return { data: invites.map(inviteJson) }
  }

  /**
   * 201 `{ data: { ...invite, token, url } }`: the token is returned only here
   */
  async store({ params, request, response, bouncer, auth }: HttpContext) {
    const owner = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, owner)
    await bouncer.with(RoomPolicy).authorize('manageInvites', room)
    const { maxUses, expiresInDays } = await request.validateUsing(createInviteValidator)
    const { invite, token } = await this.invites.create({
      creator: owner,
      room,
      maxUses,
      expiresAt: DateTime.now().plus({ days: expiresInDays }),
    })
    return response.created({
      data: { ...inviteJson(invite), token, url: new URL(`/invite/${token}`, appUrl).href },
    })
  }

  /**
   * Revokes an active invite of the room: 204, or 404 E_ROW_NOT_FOUND
   */
  async destroy({ params, response, bouncer, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('manageInvites', room)
    if (!(await this.invites.revoke(room, params.inviteId))) {
      return response.notFound({
        errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Invite not found' }],
      })
    }
    return response.noContent()
  }
}
