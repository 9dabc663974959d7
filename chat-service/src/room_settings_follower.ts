import type { RoomSettingsChange } from './bus.js'
import type { RoomAccess } from './room_access.js'
import type { RoomArchives } from './room_archives.js'
import type { RoomFeed } from './room_feed.js'
import type { Logger } from './logger.js'

/**
 * What a node does when any node changed a room's settings: it learns the
 * archived state at once, and when fewer people may see the room, asks the
 * app's rule for each user with a socket in it here and cuts off those who
 * may not (the `room_access_revoked` of a removed member)
 */
export function followRoomSettings(archives: RoomArchives, access: RoomAccess, logger: Logger) {
  return (room: number, change: RoomSettingsChange, feed?: RoomFeed) => {
    if (change.archived !== undefined) {
      archives.learn(room, change.archived)
    }
    if (change.narrowed && feed) {
      revokeUnseen(room, feed, access).catch((error) =>
        logger.error({ err: error, room }, 'chat access recheck failed')
      )
    }
  }
}

async function revokeUnseen(room: number, feed: RoomFeed, access: RoomAccess) {
  for (const user of [...feed.users]) {
    if (!(await access.visibleRoom(room, user))) {
      feed.revoke(user.id)
    }
  }
}
