import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import pushConfig from '#config/push'
import PushServiceRefusedException from '#exceptions/push_service_refused_exception'
import { isAllowedPushEndpoint } from '#services/notifications/push_service_origins'

/**
 * A browser's push subscription: where to POST, and the keys that encrypt for it
 */
export type PushSubscriptionInput = { endpoint: string; keys: { p256dh: string; auth: string } }

/**
 * The push subscriptions of each user, one per browser. An endpoint belongs
 * to one user at a time: the browser's latest signed-in user takes it over.
 */
export default class PushSubscriptionService {
  /**
   * Keeps `subscription` for `userId`, made in the sign-in `credential`
   * (see chat_credentials.ts; its sign-out deletes it), renewed when known, and drops the
   * user's least recently renewed ones beyond the per-user limit; refuses
   * endpoints outside the allowed push services
   */
  async subscribe(userId: number, credential: string, subscription: PushSubscriptionInput) {
    if (!isAllowedPushEndpoint(subscription.endpoint, pushConfig.serviceOrigins)) {
      throw new PushServiceRefusedException()
    }
    await db.transaction(async (trx) => {
      await trx
        .insertQuery()
        .table('push_subscriptions')
        .insert({
          user_id: userId,
          endpoint: subscription.endpoint,
          p256dh: subscription.keys.p256dh,
          auth: subscription.keys.auth,
          credential,
        })
        .knexQuery.onConflict('endpoint')
        .merge({
          user_id: userId,
          p256dh: subscription.keys.p256dh,
          auth: subscription.keys.auth,
          credential,
          updated_at: new Date(),
        })
      const kept = trx
        .from('push_subscriptions')
        .where('user_id', userId)
        .orderBy([
          { column: 'updated_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(pushConfig.maxSubscriptionsPerUser)
        .select('id')
      await trx.from('push_subscriptions').where('user_id', userId).whereNotIn('id', kept).delete()
    })
  }

  /**
   * Forgets `userId`'s subscription of `endpoint`; a 404 when they have none
   */
  async unsubscribe(userId: number, endpoint: string) {
    const deleted = await db
      .from('push_subscriptions')
      .where('user_id', userId)
      .where('endpoint', endpoint)
      .delete()
    if (Number(deleted[0] ?? deleted) === 0) {
      throw new lucidErrors.E_ROW_NOT_FOUND()
    }
  }
}
