/*
|--------------------------------------------------------------------------
| Server-sent event channels
|--------------------------------------------------------------------------
|
| Who may subscribe to which Transmit channel. Subscriptions require a
| signed-in user (the routes use the auth middleware).
|
*/

import transmit from '@adonisjs/transmit/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { LOBBY_CHANNEL } from '#services/lobby_broadcaster'

transmit.authorize(LOBBY_CHANNEL, (ctx: HttpContext) => Boolean(ctx.auth.user))

transmit.authorize<{ id: string }>('users/:id', (ctx: HttpContext, { id }) => {
  return ctx.auth.user?.id === Number(id)
})
