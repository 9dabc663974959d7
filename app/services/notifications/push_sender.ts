import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import webpush from 'web-push'
import pushConfig from '#config/push'
import { vapidKeys } from '#services/notifications/vapid_keys'

/**
 * A stored push subscription
 */
export type StoredPushSubscription = { id: number; endpoint: string; p256dh: string; auth: string }

/**
 * Push services answer these for a subscription that is gone for good
 */
const GONE = new Set([404, 410])

/**
 * Sends one encrypted, VAPID-signed Web Push message (RFC 8291 aes128gcm,
 * RFC 8292) to a subscription. Never throws: failures are logged, and a
 * subscription its push service calls gone (404, 410) is deleted.
 * Redirects are not followed (the endpoint was checked, a redirect's target
 * was not).
 */
export async function sendPush(subscription: StoredPushSubscription, payload: string) {
  try {
    const keys = await vapidKeys()
    const request = webpush.generateRequestDetails(
      {
        endpoint: subscription.endpoint,
        keys: { p256dh: subscription.p256dh, auth: subscription.auth },
      },
      payload,
      {
        TTL: pushConfig.ttlSeconds,
        vapidDetails: { subject: pushConfig.contact, ...keys },
      }
    )
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: new Uint8Array(request.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(pushConfig.timeoutMs),
    })
    await response.body?.cancel()
    if (GONE.has(response.status)) {
      await db.from('push_subscriptions').where('id', subscription.id).delete()
      logger.info({ subscription: subscription.id }, 'push subscription gone, deleted')
    } else if (!response.ok) {
      logger.warn(
        { subscription: subscription.id, status: response.status },
        'push service refused a message'
      )
    }
  } catch (error) {
    logger.warn({ err: error, subscription: subscription.id }, 'push message not sent')
  }
}
