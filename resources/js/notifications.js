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
 * - `notification` and `read`: the unread count in the title and favicon
 *   is fetched again from GET /notifications/unread, at once and then at most
 *   once per 5 s however many messages arrive (throttle.js: every tab of every
 *   member asks); so it is when the sidebar follows a change of the user's
 *   rooms (sidebar_live.js: a message deleted or edited there may count no more).
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
import { throttle } from './throttle.ts'

/** The unread count is fetched at most this often */
const REFRESH_MS = 5000

const me = document.querySelector('meta[name="notifications-user"]')

if (me) {
  const unreadUrl = me.dataset.unreadUrl
  const scheduleRefresh = throttle(refresh, REFRESH_MS)

  onUserEvent(me.content, (event) => {
    if (event.type === 'notification') notify(event)
    if (event.type === 'read') closeRead(event.room, event.seq)
    if (event.type === 'notification' || event.type === 'read') scheduleRefresh()
  })
  document.addEventListener('sidebar:refreshed', scheduleRefresh)
  userEventsReady(me.content)
    .then(() => (me.dataset.ready = 'true'))
    .catch(() => {})
  refresh()

  document
    .querySelector('form[action="/logout"]')
    ?.addEventListener('submit', forgetNotificationChoices)

  async function refresh() {
    try {
      const response = await fetch(unreadUrl, { headers: { accept: 'application/json' } })
      if (!response.ok) return
      const { data } = await response.json()
      showUnreadCount(data.count)
    } catch {}
  }

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
