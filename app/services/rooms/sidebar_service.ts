import { inject } from '@adonisjs/core'
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
 * muted room counts mentions only: ReadMarkerService.joinedRooms)
 */
@inject()
export default class SidebarService {
  constructor(protected markers: ReadMarkerService) {}

  /**
   * The rooms of `userId`'s sidebar
   */
  async rooms(userId: number): Promise<SidebarRoom[]> {
    const joined = await this.markers.joinedRooms(userId)
    return joined
      .filter((room) => room.kind === 'room')
      .map((room) => ({
        id: room.room,
        name: room.name,
        isPrivate: room.visibility === 'private',
        favourite: room.favourite,
        muted: room.notificationLevel !== 'all',
        notificationLevel: room.notificationLevel,
        unread: room.unread,
        mentions: room.mentions,
      }))
  }
}
