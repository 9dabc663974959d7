/**
 * The signed-in user's own server-sent events (Transmit channel `users/<id>`: `read` when
 * another tab or device read a room, and whatever else the server sends the user), over the
 * page's one Transmit connection (live_events.js) and one subscription per page, shared by
 * every module that listens.
 */
import { liveEvents } from './live_events.js'

let channel = null

/**
 * Calls `listener(event)` for each event of user `userId`; returns a function that stops it
 */
export function onUserEvent(userId, listener) {
  channel ??= subscribe(userId)
  channel.listeners.add(listener)
  return () => channel.listeners.delete(listener)
}

/**
 * Resolves once the user's subscription is registered with the server
 */
export function userEventsReady(userId) {
  channel ??= subscribe(userId)
  return channel.ready
}

function subscribe(userId) {
  const listeners = new Set()
  const subscription = liveEvents().subscription(`users/${userId}`)
  subscription.onMessage((event) => listeners.forEach((listener) => listener(event)))
  const ready = subscription.create()
  ready.catch(() => {})
  return { listeners, ready }
}
