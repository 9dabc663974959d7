/**
 * Whether someone is using this page: `away` after 5 minutes without input or
 * while the tab is hidden, `active` again on the next input with the tab visible
 */
const AWAY_AFTER_MS = 5 * 60_000

const INPUTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'focus']

/**
 * Calls `onChange(state)` on every change; `state` is read at any time
 */
export function watchActivity(onChange) {
  let state = document.hidden ? 'away' : 'active'
  let timer = null

  function set(next) {
    if (next === state) return
    state = next
    onChange(state)
  }

  function restart() {
    clearTimeout(timer)
    timer = setTimeout(() => set('away'), AWAY_AFTER_MS)
  }

  function input() {
    if (document.hidden) return
    set('active')
    restart()
  }

  for (const type of INPUTS) {
    window.addEventListener(type, input, { passive: true, capture: true })
  }
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) set('away')
    else input()
  })
  restart()
  return {
    get state() {
      return state
    },
  }
}
