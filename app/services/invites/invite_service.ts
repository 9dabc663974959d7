import { createHash, randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Invite from '#models/invite'
import Room from '#models/room'
import InviteUnusableException, { type InviteProblem } from '#exceptions/invite_unusable_exception'
import { announceMembershipChanged, announceRoomCreated } from '#services/lobby/lobby_broadcaster'
import { isRowId } from '#helpers/row_id'
import type User from '#models/user'

/**
 * The stored form of an invite token
 */
function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * Why `invite` cannot be used now, or null when it can
 */
export function inviteProblem(invite: Invite | null, now = DateTime.now()): InviteProblem | null {
  if (!invite) return 'unknown'
  if (invite.revokedAt) return 'revoked'
  if (invite.expiresAt <= now) return 'expired'
  if (invite.uses >= invite.maxUses) return 'used_up'
  return null
}

/**
 * Invite links: creating them (the token is returned once, only its hash
 * is kept), looking them up, redeeming a use (joining the room), listing
 * and revoking a room's
 */
export default class InviteService {
  /**
   * A new invite of `creator` (none: the instance's, from the shell) to
   * `room` (none: just to sign up), valid for `maxUses` uses until `expiresAt`
   */
  async create(options: {
    creator: User | null
    room: Room | null
    maxUses: number
    expiresAt: DateTime
  }) {
    const token = randomBytes(24).toString('base64url')
    const invite = await Invite.create({
      tokenHash: hashToken(token),
      createdBy: options.creator?.id ?? null,
      roomId: options.room?.id ?? null,
      maxUses: options.maxUses,
      uses: 0,
      expiresAt: options.expiresAt,
    })
    return { invite, token }
  }

  /**
   * The invite of `token` (creator and room loaded) and why it cannot be
   * used, if so
   */
  async inspect(token: string) {
    const invite = await Invite.query()
      .where('token_hash', hashToken(token))
      .preload('creator')
      .preload('room')
      .first()
    return { invite, problem: inviteProblem(invite) }
  }

  /**
   * Uses the invite of `token` once for `user` within `trx` (the invitee
   * becomes a member of the invite's room); InviteUnusableException when it
   * cannot be used. A member of the room following it uses nothing up (the
   * uses stay for the people invited). Returns the invite's room, if any.
   */
  async redeem(token: string, user: User, trx: TransactionClientContract) {
    const used = await trx.rawQuery<{ rows: Array<{ room_id: number | null }> }>(
      `UPDATE invites SET uses = uses + 1
       WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > now() AND uses < max_uses
         AND NOT EXISTS (SELECT 1 FROM room_members
           WHERE room_members.room_id = invites.room_id AND room_members.user_id = ?)
       RETURNING room_id`,
      [hashToken(token), user.id]
    )
    if (used.rows.length === 0) {
      const { invite, problem } = await this.inspect(token)
      if (problem || !invite?.room) throw new InviteUnusableException(problem ?? 'used_up')
      await invite.room.load('owner')
      return invite.room
    }
    const roomId = used.rows[0].room_id
    if (roomId === null) return null
    const room = await Room.query({ client: trx })
      .where('id', roomId)
      .preload('owner')
      .firstOrFail()
    const joined = await trx.rawQuery<{ rows: unknown[] }>(
      `INSERT INTO room_members (room_id, user_id, created_at) VALUES (?, ?, now())
       ON CONFLICT (room_id, user_id) DO NOTHING RETURNING user_id`,
      [room.id, user.id]
    )
    if (joined.rows.length > 0) {
      trx.after('commit', () => {
        if (room.isPrivate) announceRoomCreated(room, room.owner.username, [user.id])
        announceMembershipChanged(user.id, room.id)
      })
    }
    return room
  }

  /**
   * Uses the invite of `token` once for the signed-in `user` (see redeem)
   */
  async accept(token: string, user: User) {
    return db.transaction((trx) => this.redeem(token, user, trx))
  }

  /**
   * The room's invites, newest first
   */
  listForRoom(room: Room) {
    return Invite.query().where('room_id', room.id).orderBy('id', 'desc')
  }

  /**
   * Revokes the room's invite `id`; false when the room has none such
   */
  async revoke(room: Room, id: number) {
    if (!isRowId(id)) return false
    const updated = await Invite.query()
      .where('id', id)
      .where('room_id', room.id)
      .whereNull('revoked_at')
      .update({ revoked_at: new Date() })
    return Number(updated[0] ?? 0) > 0
  }
}
