/*
|--------------------------------------------------------------------------
| HTTP rate limiters
|--------------------------------------------------------------------------
*/

import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'

/**
 * New accounts per IP and hour by default: a classroom behind one address signs up together
 */
export const DEFAULT_REGISTRATIONS_PER_HOUR = 30

/**
 * New accounts per IP: REGISTRATIONS_PER_HOUR (default 30) an hour
 */
export const throttleRegistration = limiter.define('registration', (ctx) => {
  return limiter
    .allowRequests(env.get('REGISTRATIONS_PER_HOUR', DEFAULT_REGISTRATIONS_PER_HOUR))
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
