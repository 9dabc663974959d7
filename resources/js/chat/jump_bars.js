/**
 * Two bars over the bottom of a live room's list: "Jump to first unread" while the "New
 * messages" divider is above what the reader sees, and "Jump to latest" while they are
 * scrolled up from the newest message. Each is a button (keyboard reachable); after the jump
 * focus goes to the first unread message, or back to the message box.
 */
export function createJumpBars({ root, scroller, text }) {
  const bars = document.createElement('div')
  bars.className = 'jump-bars'
  const unread = bar('jump-unread', text('jump_unread'), () => {
    const divider = root.querySelector('#unread-divider')
    if (!divider) return
    scroller.toElement(divider)
    const first = divider.nextElementSibling
    if (first) {
      first.tabIndex = -1
      first.focus({ preventScroll: true })
    }
  })
  const latest = bar('jump-latest', text('jump_latest'), () => {
    scroller.toBottom()
    root.querySelector('#message-text')?.focus({ preventScroll: true })
  })
  bars.append(unread, latest)
  root.querySelector('.composer')?.prepend(bars)

  let frame = 0
  function update() {
    frame = 0
    const divider = root.querySelector('#unread-divider')
    const { top } = scroller.viewport()
    unread.hidden = !divider || divider.getBoundingClientRect().bottom > top
    latest.hidden = scroller.isNearBottom()
  }
  const schedule = () => (frame ||= requestAnimationFrame(update))
  const stopScroll = scroller.onScroll(schedule)
  root.addEventListener('chat:message', schedule)
  window.addEventListener('resize', schedule)
  update()

  function bar(id, label, onClick) {
    const button = document.createElement('button')
    button.type = 'button'
    button.id = id
    button.className = 'jump-bar'
    button.textContent = label
    button.hidden = true
    button.addEventListener('click', () => {
      onClick()
      update()
    })
    return button
  }

  return function stop() {
    cancelAnimationFrame(frame)
    stopScroll()
    root.removeEventListener('chat:message', schedule)
    window.removeEventListener('resize', schedule)
  }
}
