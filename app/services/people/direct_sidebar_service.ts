import { inject } from '@adonisjs/core'
import DirectMessageService from '#services/people/direct_message_service'
import { PresenceDirectory, type Presence } from '#services/people/presence_directory'
import type User from '#models/user'

/**
 * How many conversations the sidebar lists (the /direct page has them all)
 */
export const SIDEBAR_DIRECT_LIMIT = 20

/**
 * The sidebar's "Direct messages": `user`'s conversations, the most recently
 * active first, each with its unread count and, for a 1:1, the other
 * person's presence as it stands (the page keeps it live)
 */
@inject()
export default class DirectSidebarService {
  constructor(
    protected direct: DirectMessageService,
    protected presence: PresenceDirectory
  ) {}

  /**
   * The conversations of `user`'s sidebar
   */
  async conversations(user: User) {
    const summaries = await this.direct.summariesFor(user, SIDEBAR_DIRECT_LIMIT)
    return summaries.map((summary) => ({
      ...summary,
      presence: (summary.others.length === 1
        ? this.presence.stateOf(summary.others[0].id)
        : null) as Presence | null,
    }))
  }
}
