/*
|--------------------------------------------------------------------------
| HTTP rate limiters
|--------------------------------------------------------------------------
*/

import limiter from '@adonisjs/limiter/services/main'
import { registrationsPerHour } from '#config/limiter'

/**
 * New accounts per IP: REGISTRATIONS_PER_HOUR (default 30) an hour
 */
export const throttleRegistration = limiter.define('registration', (ctx) => {
  return limiter
    .allowRequests(registrationsPerHour)
    .every('1 hour')
    .usingKey(`register_${ctx.request.ip()}`)
    .limitExceeded((error) =>
      error
        .setMessage('Too many accounts created from this address. Try again later.')
        .t('errors.registration_throttled')
    )
})

/**
 * Messages posted by form, per user: 20 per 2 seconds, like the chat
 * socket's burst of 20 at 10 a second
 */
export const throttleMessages = limiter.define('messages', (ctx) => {
  return limiter
    .allowRequests(20)
    .every('2 seconds')
    .usingKey(`messages_${ctx.auth.user?.id ?? ctx.request.ip()}`)
    .limitExceeded((error) =>
      error
        .setMessage('You are sending messages too fast. Wait a moment.')
        .t('errors.messages_throttled')
    )
})

/**
 * Push subscription changes, per user: 20 per 10 minutes (a browser makes
 * one when notifications are turned on, and renews it now and then)
 */
export const throttlePushSubscriptions = limiter.define('push_subscriptions', (ctx) => {
  return limiter
    .allowRequests(20)
    .every('10 minutes')
    .usingKey(`push_subscriptions_${ctx.auth.user?.id ?? ctx.request.ip()}`)
    .limitExceeded((error) =>
      error
        .setMessage('Too many changes to notification settings. Try again later.')
        .t('errors.push_subscriptions_throttled')
    )
})
