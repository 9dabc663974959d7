/**
 * This browser's notification choices, kept per device in localStorage:
 * whether the user turned notifications on here, and whether a sound plays.
 */
const ENABLED_KEY = 'roomchat.notifications'
const SOUND_KEY = 'roomchat.notificationSound'

/**
 * Whether the user turned notifications on in this browser
 */
export function notificationsEnabled() {
  return localStorage.getItem(ENABLED_KEY) === 'on'
}

/**
 * Remembers whether notifications are on in this browser
 */
export function setNotificationsEnabled(on) {
  if (on) localStorage.setItem(ENABLED_KEY, 'on')
  else localStorage.removeItem(ENABLED_KEY)
}

/**
 * Whether a sound plays with each notification
 */
export function soundEnabled() {
  return localStorage.getItem(SOUND_KEY) === 'on'
}

/**
 * Remembers whether a sound plays with each notification
 */
export function setSoundEnabled(on) {
  if (on) localStorage.setItem(SOUND_KEY, 'on')
  else localStorage.removeItem(SOUND_KEY)
}

/**
 * Forgets every choice (on sign-out: the next person on this browser chooses again)
 */
export function forgetNotificationChoices() {
  localStorage.removeItem(ENABLED_KEY)
  localStorage.removeItem(SOUND_KEY)
}
