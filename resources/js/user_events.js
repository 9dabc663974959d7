/**
 * The signed-in user's own server-sent events (Transmit channel `users/<id>`: `read` when
 * another tab or device read a room, and whatever else the server sends the user), over one
 * Transmit connection and one subscription per page, shared by every module that listens;
 * other channels (presence) use the same connection through `sharedTransmit()`.
 */
import { Transmit } from '@adonisjs/transmit-client'

let channel = null
let client = null

/**
 * The page's one Transmit client (one event stream, however many channels are followed)
 */
export function sharedTransmit() {
  client ??= new Transmit({ baseUrl: window.location.origin })
  return client
}

/**
 * Calls `listener(event)` for each event of user `userId`; returns a function that stops it
 */
export function onUserEvent(userId, listener) {
  channel ??= subscribe(userId)
  channel.listeners.add(listener)
  return () => channel.listeners.delete(listener)
}

/**
 * Resolves once the user's subscription is registered with the server (never, if it fails)
 */
export function userEventsReady(userId) {
  channel ??= subscribe(userId)
  return channel.ready
}

function subscribe(userId) {
  const listeners = new Set()
  const subscription = sharedTransmit().subscription(`users/${userId}`)
  subscription.onMessage((event) => listeners.forEach((listener) => listener(event)))
  const ready = subscription.create().catch(() => new Promise(() => {}))
  return { listeners, ready }
}
