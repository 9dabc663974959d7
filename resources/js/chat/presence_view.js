import { personLink, personName } from '../people/person_name.js'

/**
 * Who is in the room: the online list (shown only with JavaScript: without it nobody's
 * presence is known; each name with its presence dot and profile link) and the "X is
 * typing…" line, with display names; joins, leaves and people starting to type
 * are announced politely through `announce` (live_announcer.js, rate-limited).
 */
export function createPresenceView({ root, me, text, announce }) {
  const locale = document.documentElement.lang
  const onlineList = root.querySelector('#online-list')
  const typingLine = root.querySelector('#typing')
  const online = new Map()
  const typers = new Map()

  onlineList.closest('.online').hidden = false
  onlineList.replaceChildren(
    Object.assign(document.createElement('li'), {
      className: 'muted',
      textContent: text('connecting'),
    })
  )

  function renderOnline() {
    onlineList.replaceChildren(
      ...[...online.values()].map((user) => {
        const item = document.createElement('li')
        const dot = document.createElement('span')
        dot.className = 'presence'
        dot.dataset.presenceUser = String(user.id)
        const name = personLink(user, 'person')
        if (user.id === me.id) name.textContent = text('you', { name: personName(user) })
        item.append(dot, name)
        return item
      })
    )
  }

  function renderTyping() {
    const names = [...typers.values()].map((entry) => personName(entry.user))
    const joinedNames = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names)
    const key = names.length === 1 ? 'typing_one' : 'typing_many'
    typingLine.textContent = names.length === 0 ? '' : text(key, { names: joinedNames })
  }

  return {
    /** The people online when the room was joined */
    reset(users) {
      online.clear()
      for (const user of users) online.set(user.id, user)
      renderOnline()
    },

    /** A `presence` frame: who came (`joined`) and who went (`left`) lately */
    update(frame) {
      const came = frame.joined.filter((user) => !online.has(user.id))
      const went = frame.left.filter((user) => online.has(user.id))
      for (const user of frame.joined) online.set(user.id, user)
      for (const user of frame.left) online.delete(user.id)
      renderOnline()
      for (const user of came) {
        if (user.id !== me.id) announce(text('joined', { name: personName(user) }))
      }
      for (const user of went) {
        if (user.id !== me.id) announce(text('left', { name: personName(user) }))
      }
    },

    /** Someone else is typing: shown for 3 s after their last keystroke */
    typing(user) {
      const started = !typers.has(user.id)
      clearTimeout(typers.get(user.id)?.timer)
      typers.set(user.id, {
        user,
        timer: setTimeout(() => {
          typers.delete(user.id)
          renderTyping()
        }, 3000),
      })
      renderTyping()
      if (started) announce(text('typing_one', { names: personName(user) }))
    },

    /** Their message arrived: they stopped typing */
    stoppedTyping(userId) {
      clearTimeout(typers.get(userId)?.timer)
      typers.delete(userId)
      renderTyping()
    },

    /** The people online now, for @-mention suggestions */
    onlineUsers: () => [...online.values()],

    /** Stops the typing timers (the room is being left) */
    dispose() {
      for (const { timer } of typers.values()) clearTimeout(timer)
    },
  }
}
