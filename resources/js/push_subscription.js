/**
 * This browser's Web Push subscription and the server's copy of it
 * (POST / DELETE /push/subscriptions, JSON with the page's CSRF token).
 */
const SUBSCRIPTIONS_URL = '/push/subscriptions'

function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.content ?? ''
}

function send(method, body) {
  return fetch(SUBSCRIPTIONS_URL, {
    method,
    credentials: 'same-origin',
    headers: {
      'accept': 'application/json',
      'content-type': 'application/json',
      'x-csrf-token': csrfToken(),
    },
    body: JSON.stringify(body),
  })
}

/**
 * Whether this browser can receive pushes at all
 */
export function pushSupported() {
  return 'serviceWorker' in navigator && 'PushManager' in window
}

/**
 * This browser's current push subscription, or null
 */
export async function currentPushSubscription() {
  if (!pushSupported()) return null
  const registration = await navigator.serviceWorker.ready
  return registration.pushManager.getSubscription()
}

/**
 * Subscribes this browser with the instance's VAPID key and tells the
 * server; resolves true once the server keeps it, false when this browser
 * has no push service (notifications then work in open tabs only)
 */
export async function subscribeToPush(vapidPublicKey) {
  if (!pushSupported()) return false
  try {
    const registration = await navigator.serviceWorker.ready
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: vapidPublicKey,
      }))
    const response = await send('POST', subscription.toJSON())
    return response.ok
  } catch {
    return false
  }
}

/**
 * Ends this browser's subscription, here and on the server
 */
export async function unsubscribeFromPush() {
  const subscription = await currentPushSubscription().catch(() => null)
  if (!subscription) return
  await send('DELETE', { endpoint: subscription.endpoint }).catch(() => {})
  await subscription.unsubscribe().catch(() => {})
}
