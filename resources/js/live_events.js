/**
 * The page's one Transmit connection (server-sent events): every live
 * feature subscribes through it, so a tab holds one event stream however
 * many of them it shows (browsers allow six connections per host over
 * HTTP/1.1, shared by all tabs). Subscribing to a channel twice gives the
 * same subscription.
 */
import { Transmit } from '@adonisjs/transmit-client'

let shared = null

/**
 * The shared Transmit client, made on first use
 */
export function liveEvents() {
  shared ??= new Transmit({ baseUrl: window.location.origin })
  return shared
}

/**
 * Calls `listener` each time the connection is made again after it dropped (events sent
 * meanwhile were lost)
 */
export function onReconnect(listener) {
  let opened = false
  liveEvents().on('connected', () => {
    if (opened) listener()
    opened = true
  })
}
