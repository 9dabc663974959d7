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
   * `{ data: { count } }`: unread messages by notification level (see NotificationCountService)
   */
  async show({ auth }: HttpContext) {
    return { data: { count: await this.counts.count(auth.getUserOrFail().id) } }
  }
}
