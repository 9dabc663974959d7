/*
 * Roomchat's service worker, served unhashed at /sw.js so its scope is the
 * whole site. It
 * - keeps an offline page: a page navigation that fails (no network) shows
 *   /offline.html instead of the browser's error;
 * - shows pushes (a mention, a direct message) as system notifications, unless a
 *   Roomchat tab is in front (that tab already shows the message);
 * - opens the message when a notification is clicked (same origin only).
 * Nothing else is cached: the chat is live, pages always come from the server.
 */
const CACHE = 'roomchat-offline-v1'
const OFFLINE_PAGE = '/offline.html'
const OFFLINE_ASSETS = [OFFLINE_PAGE, '/offline.css', '/favicon.svg', '/icons/icon-192.png']

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(OFFLINE_ASSETS))
      .then(() => self.skipWaiting())
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== CACHE) await caches.delete(key)
      }
      await self.clients.claim()
    })()
  )
})

self.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_PAGE)))
    return
  }
  const url = new URL(request.url)
  if (url.origin === self.location.origin && OFFLINE_ASSETS.includes(url.pathname)) {
    event.respondWith(fetch(request).catch(() => caches.match(url.pathname)))
  }
})

/**
 * The system notification of a `notification` event (a mention, a direct
 * message); resources/js/notifications.js builds the same
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

self.addEventListener('push', (event) => {
  let data = null
  try {
    data = event.data?.json() ?? null
  } catch {}
  if (!data || data.type !== 'notification') return
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
      if (windows.some((client) => client.visibilityState === 'visible' && client.focused)) return
      const { title, options } = notificationOf(data)
      await self.registration.showNotification(title, options)
    })()
  )
})

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const url = new URL(event.notification.data?.url ?? '/rooms', self.location.origin)
  if (url.origin !== self.location.origin) return
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
      const open = windows.find((client) => 'navigate' in client && 'focus' in client)
      if (open) {
        await open.focus()
        await open.navigate(url.href).catch(() => self.clients.openWindow(url.href))
        return
      }
      await self.clients.openWindow(url.href)
    })()
  )
})
