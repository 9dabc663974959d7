import edge from 'edge.js'
import { avatarColour, avatarInitials } from '#client/message_list/avatar'

/**
 * Edge helpers of the message list that the browser shares (resources/js/message_list):
 * `avatarInitials(name)` and `avatarColour(userId)` for partials/avatar.edge
 */
export default class MessageListViewProvider {
  /**
   * Registers the helpers as Edge globals
   */
  async boot() {
    edge.global('avatarInitials', avatarInitials)
    edge.global('avatarColour', avatarColour)
  }
}
