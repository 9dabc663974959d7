import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { appendRoomEntry, ChatNode, type AppendResult } from '#chat/index'
import Room from '#models/room'
import User from '#models/user'
import RoomSettingsRefusedException from '#exceptions/room_settings_refused_exception'
import type { SettingChange } from '#services/room_settings/room_settings_changes'
import { announceSettingsChanged } from '#services/room_settings/room_settings_broadcast'

const UNIQUE_VIOLATION = '23505'

/**
 * Changing a room's settings: each change and its system entry of the
 * room's log commit in one transaction under the room's row lock, then the
 * entries are fanned out like messages (so an offline client replays them),
 * and what else must follow at once does: an archived room refuses writes
 * on every chat node, a room made private cuts off the sockets of
 * non-members, lobbies and sidebars follow. Callers check who may
 * (RoomSettingsPolicy).
 */
@inject()
export default class RoomSettingsService {
  constructor(protected chat: ChatNode) {}

  /**
   * Applies `changes` (see changesOf) made by `actor`; the entries logged
   */
  async apply(room: Room, actor: User, changes: SettingChange[]) {
    if (changes.length === 0) {
      return []
    }
    const entries = await this.#inTransaction(room, async (trx, locked) => {
      const columns = Object.assign({}, ...changes.map((change) => change.columns))
      await assertNameFree(trx, {
        id: room.id,
        name: columns.name ?? locked.name,
        visibility: columns.visibility ?? locked.visibility,
        ownerId: locked.owner_id,
      })
      await trx
        .from('rooms')
        .where('id', room.id)
        .update({ ...columns, updated_at: new Date() })
      if (columns.visibility === 'private') {
        // The owner keeps the room, even after leaving it while it was public
        await trx.rawQuery(
          `INSERT INTO room_members (room_id, user_id, created_at) VALUES (?, ?, now())
           ON CONFLICT (room_id, user_id) DO NOTHING`,
          [room.id, locked.owner_id]
        )
      }
      const logged: AppendResult[] = []
      for (const change of changes) {
        logged.push(
          await appendRoomEntry(trx, {
            room: room.id,
            user: chatUser(actor),
            kind: change.kind,
            text: change.text,
          })
        )
      }
      return logged
    })
    await room.refresh()
    await this.#followUp(room, entries, changes)
    return entries
  }

  /**
   * Hands `room` to its member named `username`; the old owner stays a member
   */
  async transfer(room: Room, actor: User, username: string) {
    const heir = await User.findByUsername(username)
    if (!heir) {
      throw new RoomSettingsRefusedException('E_UNKNOWN_USER')
    }
    const entry = await this.#inTransaction(room, async (trx, locked) => {
      if (heir.id === locked.owner_id) {
        throw new RoomSettingsRefusedException('E_ALREADY_OWNER')
      }
      const member = await trx
        .from('room_members')
        .where({ room_id: room.id, user_id: heir.id })
        .first()
      if (!member) {
        throw new RoomSettingsRefusedException('E_NOT_MEMBER')
      }
      await assertNameFree(trx, {
        id: room.id,
        name: locked.name,
        visibility: locked.visibility,
        ownerId: heir.id,
      })
      await trx
        .from('rooms')
        .where('id', room.id)
        .update({ owner_id: heir.id, updated_at: new Date() })
      return appendRoomEntry(trx, {
        room: room.id,
        user: chatUser(actor),
        kind: 'owner',
        text: heir.username,
      })
    })
    await room.refresh()
    await room.load('owner')
    await this.#followUp(room, [entry], [])
    return entry
  }

  /**
   * Runs `work` in a transaction holding the room's row lock; a name taken
   * meanwhile (the unique indexes) is the same refusal as one seen before
   */
  async #inTransaction<T>(
    room: Room,
    work: (trx: TransactionClientContract, locked: LockedRoom) => Promise<T>
  ) {
    try {
      return await db.transaction(async (trx) => {
        const locked: LockedRoom = await trx
          .from('rooms')
          .where('id', room.id)
          .forUpdate()
          .select('name', 'visibility', 'owner_id')
          .firstOrFail()
        return work(trx, locked)
      })
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new RoomSettingsRefusedException('E_ROOM_NAME_TAKEN')
      }
      throw error
    }
  }

  async #followUp(room: Room, entries: AppendResult[], changes: SettingChange[]) {
    for (const entry of entries) {
      await this.chat.announce(entry)
    }
    const settings = new Set(changes.map((change) => change.setting))
    if (settings.has('archived')) {
      await this.chat.roomArchived(room.id, room.isArchived)
    }
    if (settings.has('visibility') && room.isPrivate) {
      await this.chat.accessNarrowed(room.id)
    }
    await announceSettingsChanged(room, settings.has('visibility'))
  }
}

/**
 * The locked row's current values
 */
type LockedRoom = { name: string; visibility: string; owner_id: number }

/**
 * Refuses a name another room already has in the scope the room will be in:
 * public names are unique among public rooms, private ones per owner (the
 * rule of room creation, and of the unique indexes)
 */
async function assertNameFree(
  trx: TransactionClientContract,
  room: { id: number; name: string; visibility: string; ownerId: number }
) {
  const query = trx
    .from('rooms')
    .whereNot('id', room.id)
    .where('kind', 'room')
    .whereRaw('lower(name) = lower(?)', [room.name])
    .where('visibility', room.visibility)
  if (room.visibility === 'private') {
    query.where('owner_id', room.ownerId)
  }
  if (await query.select('id').first()) {
    throw new RoomSettingsRefusedException('E_ROOM_NAME_TAKEN')
  }
}

function chatUser(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    avatarKey: user.avatarKey,
  }
}
