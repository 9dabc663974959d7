/**
 * People on every signed-in page: presence dots, profile cards on names and
 * the browser's time zone. The page's texts and the stored time zone come
 * from the `#people-client` template (partials/people_client.edge).
 */
import { startPresence } from './presence.js'
import { startProfileCards } from './profile_card.js'
import { reportTimeZone } from './time_zone.js'

const client = document.getElementById('people-client')

if (client) {
  const texts = { ...client.dataset }
  startPresence({ online: texts.online, away: texts.away, offline: texts.offline })
  startProfileCards(texts)
  reportTimeZone(texts.timeZone)
}
