/**
 * Notifications on every page of a signed-in user: follows their own
 * Transmit channel (user_events.js):
 *
 * - `notification` (a mention, a direct message): a system notification when
 *   notifications are on in this browser, permission is granted, the tab is
 *   not in front, and this browser has no push subscription (otherwise the
 *   service worker shows the push; the same tag keeps it to one); a chime
 *   when the sound is on;
 * - `read` (read on this or another device): the room's notifications up
 *   to the marker are closed;
 * - the unread count in the title and favicon follows the tab's own counts
 *   (unread_counts.js: fetched once, then counted from these events).
 *
 * Signing out forgets this browser's choices.
 */
import { onUserEvent, userEventsReady } from './user_events.js'
import {
  notificationsEnabled,
  soundEnabled,
  forgetNotificationChoices,
} from './notification_prefs.js'
import { currentPushSubscription } from './push_subscription.js'
import { playChime } from './notification_sound.js'
import { showUnreadCount } from './unread_badge.js'
import { unreadCounts } from './unread_counts.js'

const me = document.querySelector('meta[name="notifications-user"]')

if (me) {
  const counts = unreadCounts()
  counts.onChange(() => showUnreadCount(counts.total()))

  onUserEvent(me.content, (event) => {
    if (event.type === 'notification') notify(event)
    if (event.type === 'read') closeRead(event.room, event.seq)
  })
  userEventsReady(me.content)
    .then(() => (me.dataset.ready = 'true'))
    .catch(() => {})

  document
    .querySelector('form[action="/logout"]')
    ?.addEventListener('submit', forgetNotificationChoices)

  async function closeRead(room, seq) {
    const worker = await navigator.serviceWorker?.getRegistration().catch(() => null)
    for (const shown of (await worker?.getNotifications()) ?? []) {
      const [, shownRoom, shownSeq] = /^message-(\d+)-(\d+)$/.exec(shown.tag) ?? []
      if (Number(shownRoom) === room && Number(shownSeq) <= seq) shown.close()
    }
  }

  async function notify(event) {
    if (!notificationsEnabled()) return
    if (soundEnabled()) playChime()
    const inFront = document.visibilityState === 'visible' && document.hasFocus()
    if (inFront || !('Notification' in window) || Notification.permission !== 'granted') return
    if (await currentPushSubscription().catch(() => null)) return
    const worker = await navigator.serviceWorker?.getRegistration().catch(() => null)
    const { title, options } = notificationOf(event)
    if (worker) {
      await worker.showNotification(title, options)
    } else {
      new Notification(title, options).onclick = () => {
        window.focus()
        window.location.assign(event.url)
      }
    }
  }
}

/**
 * The title and options of the system notification for `event` (public/sw.js
 * builds the same for a push)
 */
function notificationOf(event) {
  const direct = event.reason === 'direct'
  return {
    title: direct ? event.author : event.room.name,
    options: {
      body: direct ? event.text : `${event.author}: ${event.text}`,
      tag: `message-${event.room.id}-${event.seq}`,
      icon: '/icons/icon-192.png',
      data: { url: event.url },
    },
  }
}
