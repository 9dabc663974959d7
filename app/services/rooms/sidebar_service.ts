import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import ReadMarkerService from '#services/rooms/read_marker_service'
import type { NotificationLevel } from '#models/room_member'

/**
 * A room in the sidebar, with the reader's badges
 */
export type SidebarRoom = {
  id: number
  name: string
  isPrivate: boolean
  favourite: boolean
  /** Not `all`: the room shows mentions only, dimmed */
  muted: boolean
  notificationLevel: NotificationLevel
  unread: number
  mentions: number
}

/**
 * The sidebar's "my rooms": the rooms a user joined (public ones they
 * joined, private ones they are in; direct conversations are listed apart),
 * favourites first, then by name, each with unread and mention counts (a
 * muted room counts mentions only: ReadMarkerService.unreadCounts)
 */
@inject()
export default class SidebarService {
  constructor(protected markers: ReadMarkerService) {}

  /**
   * The rooms of `userId`'s sidebar
   */
  async rooms(userId: number): Promise<SidebarRoom[]> {
    const [rows, counts] = await Promise.all([
      db
        .from('room_members')
        .join('rooms', 'rooms.id', 'room_members.room_id')
        .where('room_members.user_id', userId)
        .where('rooms.kind', 'room')
        .orderBy('room_members.favourite', 'desc')
        .orderByRaw('lower(rooms.name)')
        .orderBy('rooms.id')
        .select(
          'rooms.id',
          'rooms.name',
          'rooms.visibility',
          'room_members.favourite',
          'room_members.notification_level'
        ),
      this.markers.unreadCounts(userId),
    ])
    const byRoom = new Map(counts.map((count) => [count.room, count]))
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      isPrivate: row.visibility === 'private',
      favourite: row.favourite,
      muted: row.notification_level !== 'all',
      notificationLevel: row.notification_level,
      unread: byRoom.get(row.id)?.unread ?? 0,
      mentions: byRoom.get(row.id)?.mentions ?? 0,
    }))
  }
}
