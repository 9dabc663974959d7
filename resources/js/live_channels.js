/**
 * One Transmit (server-sent events) connection per page, shared by every script that follows a
 * channel: the sidebar, the lobby and the read markers subscribe through it, so a tab holds one
 * event stream however many of them run (browsers allow only six connections per host).
 */
import { Transmit } from '@adonisjs/transmit-client'

let transmit = null

/**
 * The page's subscription to Transmit channel `name` (the same object for every caller)
 */
export function liveChannel(name) {
  transmit ??= new Transmit({ baseUrl: window.location.origin })
  return transmit.subscription(name)
}
