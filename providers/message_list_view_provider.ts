import edge from 'edge.js'
import { avatarColour } from '#client/message_list/avatar'

/**
 * Edge helpers the browser shares (resources/js/message_list): `avatarColour(userId)` for
 * components/people/avatar.edge
 */
export default class MessageListViewProvider {
  /**
   * Registers the helpers as Edge globals
   */
  async boot() {
    edge.global('avatarColour', avatarColour)
  }
}
