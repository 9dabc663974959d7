import { inject } from '@adonisjs/core'
import NotificationCountService from '#services/notifications/notification_count_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The signed-in user's count of unread messages that notify them (JSON), shown in
 * the tab title and favicon
 */
@inject()
export default class NotificationCountsController {
  constructor(protected counts: NotificationCountService) {}

  /**
   * `{ data: { count, rooms } }`: unread messages by notification level and, per joined room,
   * what they are made of (see NotificationCountService.tally)
   */
  async show({ auth }: HttpContext) {
    return { data: await this.counts.tally(auth.getUserOrFail().id) }
  }
}
