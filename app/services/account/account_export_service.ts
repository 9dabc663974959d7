import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'

/**
 * A timestamp column as ISO 8601 text (null stays null)
 */
function iso(value: Date | string | null) {
  return value === null ? null : new Date(value).toISOString()
}

/**
 * Everything the app keeps about a user, as one JSON document: profile,
 * rooms owned, memberships, messages authored (with room and seq, the
 * name, type and size of their file, deleted ones with their text already
 * gone) and read markers
 */
export default class AccountExportService {
  /**
   * The export document of `user`
   */
  async export(user: User) {
    const roomsOwned = await db
      .from('rooms')
      .where('owner_id', user.id)
      .where('kind', 'room')
      .orderBy('id')
      .select('id', 'name', 'description', 'visibility', 'created_at')
    const memberships = await db
      .from('room_members')
      .join('rooms', 'rooms.id', 'room_members.room_id')
      .where('room_members.user_id', user.id)
      .orderBy('rooms.id')
      .select(
        'rooms.id',
        'rooms.name',
        'room_members.created_at',
        'room_members.favourite',
        'room_members.notification_level'
      )
    const messages = await db
      .from('messages')
      .join('rooms', 'rooms.id', 'messages.room_id')
      .leftJoin('attachments', 'attachments.id', 'messages.attachment_id')
      .where('messages.user_id', user.id)
      .where('messages.kind', 'message')
      .orderBy([{ column: 'messages.room_id' }, { column: 'messages.seq' }])
      .select(
        'rooms.id as room_id',
        'rooms.name as room_name',
        'messages.seq',
        'messages.body',
        'messages.created_at',
        'messages.edited_at',
        'messages.deleted_at',
        'attachments.name as file_name',
        'attachments.mime_type as file_type',
        'attachments.size as file_size'
      )
    const readMarkers = await db
      .from('room_reads')
      .join('rooms', 'rooms.id', 'room_reads.room_id')
      .where('room_reads.user_id', user.id)
      .orderBy('rooms.id')
      .select('rooms.id', 'rooms.name', 'room_reads.last_read_seq', 'room_reads.updated_at')
    return {
      exportedAt: new Date().toISOString(),
      profile: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        timeZone: user.timeZone,
        avatarKey: user.avatarKey,
        email: user.email,
        emailVerifiedAt: user.emailVerifiedAt?.toISO() ?? null,
        createdAt: user.createdAt.toISO(),
      },
      roomsOwned: roomsOwned.map((room) => ({
        id: room.id,
        name: room.name,
        description: room.description,
        visibility: room.visibility,
        createdAt: iso(room.created_at),
      })),
      memberships: memberships.map((row) => ({
        room: { id: row.id, name: row.name },
        joinedAt: iso(row.created_at),
        favourite: row.favourite,
        notificationLevel: row.notification_level,
      })),
      messages: messages.map((row) => ({
        room: { id: row.room_id, name: row.room_name },
        seq: Number(row.seq),
        text: row.body,
        file:
          row.file_name === null
            ? null
            : { name: row.file_name, type: row.file_type, size: Number(row.file_size) },
        createdAt: iso(row.created_at),
        editedAt: iso(row.edited_at),
        deletedAt: iso(row.deleted_at),
      })),
      readMarkers: readMarkers.map((row) => ({
        room: { id: row.id, name: row.name },
        lastReadSeq: Number(row.last_read_seq),
        updatedAt: iso(row.updated_at),
      })),
    }
  }
}
