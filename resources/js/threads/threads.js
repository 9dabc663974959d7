/**
 * Replies and threads on the room page (protocol: chat-service/PROTOCOL.md, "Replies and
 * threads"). The message menu's Reply and a root's "N replies" link open the thread pane
 * instead of the thread page; a reply's quote scrolls its root into view and highlights it
 * when the root is on the page, else it opens the message in context (which loads the
 * history around it). The rest (the pane, live updates of rows, read markers of threads) is
 * thread_actions.js, loaded on first use: the room page's first load stays light.
 */

/**
 * `options`: what thread_actions.js needs (`root` the room, #chat; `context`, `request`,
 * `sendChange`, `maxLength`)
 */
export function createThreads(options) {
  const { root } = options
  let actions = null
  let disposed = false
  const load = () =>
    (actions ??= import('./thread_actions.js').then((module) =>
      disposed ? null : module.createThreadActions(options)
    ))
  const withActions = (use) => load().then((loaded) => loaded && use(loaded))

  const rowOf = (seq) =>
    root.querySelector(`#messages [data-seq="${seq}"], #older-messages [data-seq="${seq}"]`)

  function onClick(event) {
    const target = event.target instanceof Element ? event.target : null
    const threadLink = target?.closest('.thread-link')
    if (threadLink) {
      event.preventDefault()
      withActions((loaded) => loaded.open(Number(threadLink.dataset.thread), threadLink, false))
      return
    }
    const quote = target?.closest('.reply-quote')
    const original = quote && rowOf(Number(quote.dataset.replyTo))
    if (original) {
      event.preventDefault()
      highlight(original)
    }
  }

  function onMenu(event) {
    const item = event.target.closest('.message[data-seq]')
    if (event.detail.action !== 'reply' || !item) return
    event.preventDefault()
    const seq = Number(item.querySelector('.reply-quote')?.dataset.replyTo ?? item.dataset.seq)
    withActions((loaded) => loaded.open(seq, event.detail.button, true))
  }

  function onEntry(event) {
    const entry = event.detail
    const quoted =
      (entry.kind === 'edit' || entry.kind === 'delete') &&
      root.querySelector(`.reply-quote[data-reply-to="${entry.target}"]`)
    if (actions || entry.reply_to || quoted) withActions((loaded) => loaded.entry(entry))
  }

  root.addEventListener('click', onClick)
  root.addEventListener('menu:select', onMenu)
  root.addEventListener('chat:entry', onEntry)

  return {
    /** Shows a `replies` answer */
    show: (frame) => actions && withActions((loaded) => loaded.show(frame)),

    dispose() {
      root.removeEventListener('click', onClick)
      root.removeEventListener('menu:select', onMenu)
      root.removeEventListener('chat:entry', onEntry)
      disposed = true
      if (actions) withActions((loaded) => loaded.dispose())
    },
  }
}

/**
 * Scrolls `row` into view and highlights it; focus goes to it, so a keyboard or screen
 * reader user lands there too
 */
function highlight(row) {
  row.classList.remove('highlighted')
  row.tabIndex = -1
  row.scrollIntoView({ block: 'center' })
  row.focus({ preventScroll: true })
  row.classList.add('highlighted')
  const clear = () => row.classList.remove('highlighted')
  row.addEventListener('animationend', clear, { once: true })
  row.addEventListener('blur', clear, { once: true })
}
