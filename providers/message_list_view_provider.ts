import edge from 'edge.js'
import { avatarColour } from '#client/message_list/avatar'
import { reactionChips } from '#client/reactions/reaction_summary'

/**
 * Edge helpers the browser shares (resources/js/message_list): `avatarColour(userId)` for
 * components/people/avatar.edge, `reactionChips(...)` for partials/reactions.edge
 */
export default class MessageListViewProvider {
  /**
   * Registers the helpers as Edge globals
   */
  async boot() {
    edge.global('avatarColour', avatarColour)
    edge.global('reactionChips', reactionChips)
  }
}
