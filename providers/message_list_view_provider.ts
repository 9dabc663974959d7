import edge from 'edge.js'
import type { ApplicationService } from '@adonisjs/core/types'
import MessageRowCache from '#services/chat/message_row_cache'
import MemberListCache from '#services/rooms/member_list_cache'
import RoomRosterService from '#services/rooms/room_roster_service'
import MessagePageCache from '#services/chat/message_page_cache'
import MessageHistoryService from '#services/chat/message_history_service'
import ThreadViewService from '#services/chat/thread_view_service'
import MessageReactionsService from '#services/chat/message_reactions_service'
import { avatarColour } from '#client/message_list/avatar'
import { reactionChips } from '#client/reactions/reaction_summary'

/**
 * Edge helpers the browser shares (resources/js/message_list): `avatarColour(userId)` for
 * components/people/avatar.edge, `reactionChips(...)` for partials/reactions.edge; and the
 * room page's caches of its history data, rendered message rows, rosters and member lists
 */
export default class MessageListViewProvider {
  constructor(protected app: ApplicationService) {}

  /**
   * One cache of room page data, one of rendered message rows, one of rosters and one of
   * member lists per process
   */
  register() {
    this.app.container.singleton(MessageRowCache, () => new MessageRowCache())
    this.app.container.singleton(RoomRosterService, () => new RoomRosterService())
    this.app.container.singleton(MemberListCache, () => new MemberListCache())
    this.app.container.singleton(
      MessagePageCache,
      async (resolver) =>
        new MessagePageCache(
          await resolver.make(MessageHistoryService),
          await resolver.make(ThreadViewService),
          await resolver.make(MessageReactionsService)
        )
    )
  }

  /**
   * Registers the helpers as Edge globals
   */
  async boot() {
    edge.global('avatarColour', avatarColour)
    edge.global('reactionChips', reactionChips)
  }
}
