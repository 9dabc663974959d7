import edge from 'edge.js'
import type { ApplicationService } from '@adonisjs/core/types'
import MessageRowCache from '#services/chat/message_row_cache'
import MemberListCache from '#services/rooms/member_list_cache'
import { avatarColour } from '#client/message_list/avatar'
import { reactionChips } from '#client/reactions/reaction_summary'

/**
 * Edge helpers the browser shares (resources/js/message_list): `avatarColour(userId)` for
 * components/people/avatar.edge, `reactionChips(...)` for partials/reactions.edge; and the
 * room page's caches of rendered message rows and member lists
 */
export default class MessageListViewProvider {
  constructor(protected app: ApplicationService) {}

  /**
   * One cache of rendered message rows and one of member lists per process
   */
  register() {
    this.app.container.singleton(MessageRowCache, () => new MessageRowCache())
    this.app.container.singleton(MemberListCache, () => new MemberListCache())
  }

  /**
   * Registers the helpers as Edge globals
   */
  async boot() {
    edge.global('avatarColour', avatarColour)
    edge.global('reactionChips', reactionChips)
  }
}
