import { inject } from '@adonisjs/core'
import PushSubscriptionService from '#services/notifications/push_subscription_service'
import {
  pushSubscriptionValidator,
  pushUnsubscriptionValidator,
} from '#validators/push_subscription'
import { sessionCredential } from '#services/chat/chat_credentials'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The signed-in user's Web Push subscriptions (JSON, for the browser's
 * notification settings)
 */
@inject()
export default class PushSubscriptionsController {
  constructor(protected subscriptions: PushSubscriptionService) {}

  /**
   * Keeps this browser's subscription `{ endpoint, keys: { p256dh, auth } }`
   * until this sign-in ends
   */
  async store({ request, auth, session, response }: HttpContext) {
    const subscription = await request.validateUsing(pushSubscriptionValidator)
    await this.subscriptions.subscribe(
      auth.getUserOrFail().id,
      sessionCredential(session.sessionId),
      subscription
    )
    return response.status(201).send({ data: { endpoint: subscription.endpoint } })
  }

  /**
   * Forgets this browser's subscription `{ endpoint }` (404 when it is not the user's)
   */
  async destroy({ request, auth, response }: HttpContext) {
    const { endpoint } = await request.validateUsing(pushUnsubscriptionValidator)
    await this.subscriptions.unsubscribe(auth.getUserOrFail().id, endpoint)
    return response.noContent()
  }
}
