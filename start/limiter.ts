/*
|--------------------------------------------------------------------------
| HTTP rate limiters
|--------------------------------------------------------------------------
*/

import limiter from '@adonisjs/limiter/services/main'

/**
 * New accounts per IP: 10 an hour
 */
export const throttleRegistration = limiter.define('registration', (ctx) => {
  return limiter
    .allowRequests(10)
    .every('1 hour')
    .usingKey(`register_${ctx.request.ip()}`)
    .limitExceeded((error) => error.setMessage('Too many accounts created from this address. Try again later.'))
})
