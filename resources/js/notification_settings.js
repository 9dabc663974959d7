/**
 * The account page's notification settings for this browser: turning
 * notifications on asks the browser's permission (only then, after the
 * click), subscribes this browser to pushes when it can, and remembers the
 * choice; turning them off ends the push subscription. The sound is a
 * separate choice. Texts come from the page (EN/VI).
 */
import {
  notificationsEnabled,
  setNotificationsEnabled,
  setSoundEnabled,
  soundEnabled,
} from './notification_prefs.js'
import { currentPushSubscription, subscribeToPush, unsubscribeFromPush } from './push_subscription.js'
import { playChime } from './notification_sound.js'

const section = document.querySelector('[data-notification-settings]')

if (section) {
  const texts = JSON.parse(document.getElementById('notification-texts').textContent)
  const controls = section.querySelector('[data-notification-controls]')
  const status = section.querySelector('[data-notification-status]')
  const turnOn = section.querySelector('[data-notification-on]')
  const turnOff = section.querySelector('[data-notification-off]')
  const sound = section.querySelector('[data-notification-sound]')

  section.querySelector('[data-notification-no-script]').remove()
  controls.hidden = false
  sound.checked = soundEnabled()
  show()

  turnOn.addEventListener('click', async () => {
    turnOn.disabled = true
    try {
      const permission = await Notification.requestPermission()
      if (permission !== 'granted') return show()
      setNotificationsEnabled(true)
      const pushed = await subscribeToPush(section.dataset.vapidKey)
      show(pushed ? 'on' : 'on_open_tabs')
      turnOff.focus()
    } catch {
      show('failed')
    } finally {
      turnOn.disabled = false
    }
  })

  turnOff.addEventListener('click', async () => {
    setNotificationsEnabled(false)
    await unsubscribeFromPush()
    show()
    turnOn.focus()
  })

  sound.addEventListener('change', () => {
    setSoundEnabled(sound.checked)
    if (sound.checked) playChime()
  })

  /**
   * Shows the state of this browser (or `state`, just reached)
   */
  async function show(state) {
    if (!('Notification' in window)) {
      state = 'unsupported'
    } else if (Notification.permission === 'denied') {
      state = 'denied'
    } else if (!state) {
      const on = notificationsEnabled() && Notification.permission === 'granted'
      const pushed = on && (await currentPushSubscription().catch(() => null))
      state = on ? (pushed ? 'on' : 'on_open_tabs') : 'off'
    }
    const on = state === 'on' || state === 'on_open_tabs'
    status.textContent = texts[state]
    status.dataset.state = state
    turnOn.hidden = on || state === 'unsupported' || state === 'denied'
    turnOff.hidden = !on
  }
}
