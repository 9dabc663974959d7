/*
|--------------------------------------------------------------------------
| Server-sent event channels
|--------------------------------------------------------------------------
|
| Who may subscribe to which Transmit channel. Subscriptions require a
| signed-in user (the routes use the auth middleware). `lobby` carries news
| of public rooms only; news of a private room goes to `users/<id>` of each
| member, and only user <id> may follow that channel. The rooms' activity
| (frequent) has channels of its own that only the lobby page follows, with
| the same rule: `lobby/activity` and `users/<id>/activity`. `presence`
| carries people's online / away / offline changes to everyone signed in.
| Broadcasts find their streams through an index of the subscriptions
| (channel_index.ts); each stream is written at most once a second
| (stream_write_window.ts).
|
*/

import transmit from '@adonisjs/transmit/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { LOBBY_ACTIVITY_CHANNEL, LOBBY_CHANNEL } from '#services/lobby/lobby_broadcaster'
import { PRESENCE_CHANNEL } from '#services/people/presence_directory'
import { indexTransmitChannels } from '#services/transmit/channel_index'
import { writeStreamsInWindows } from '#services/transmit/stream_write_window'

/** How long an event stream's later events wait to go together with the next ones */
const STREAM_WRITE_WINDOW_MS = 1000

indexTransmitChannels(transmit.getManager())
writeStreamsInWindows(transmit.getManager(), STREAM_WRITE_WINDOW_MS)

transmit.authorize(LOBBY_CHANNEL, (ctx: HttpContext) => Boolean(ctx.auth.user))

transmit.authorize(LOBBY_ACTIVITY_CHANNEL, (ctx: HttpContext) => Boolean(ctx.auth.user))

transmit.authorize(PRESENCE_CHANNEL, (ctx: HttpContext) => Boolean(ctx.auth.user))

transmit.authorize<{ id: string }>('users/:id', (ctx: HttpContext, { id }) => {
  return ctx.auth.user?.id === Number(id)
})

transmit.authorize<{ id: string }>('users/:id/activity', (ctx: HttpContext, { id }) => {
  return ctx.auth.user?.id === Number(id)
})
