/**
 * The room's message list on the page: live entries, the writer's pending messages, earlier
 * messages loaded on demand, edits and deletions (message_actions.js), reactions and pins
 * (reactions/reaction_actions.js).
 *
 * - screen readers hear each new message once (the list is in a role="log"); earlier
 *   messages go to a separate, silent list;
 * - a pending message turns into the sent one in place when acknowledged, so it is not
 *   announced twice;
 * - items get the markup the server renders (message_list/render.js), laid out again (day
 *   separators, groups) after every change (`messageList.layout()`, message_list/view.js);
 * - every user-provided string is inserted with textContent, never as HTML, except a
 *   message's `html`, which the server sanitized when it stored the message.
 */
import { createMessageActions } from '../message_actions.js'
import { createReactionActions } from '../reactions/reaction_actions.js'
import { createScroller } from './scroller.js'
import { renderMessage } from '../message_list/render.js'
import { createRoomEntries } from '../room_settings/room_entries.js'

/**
 * `root`: the room (#chat); `me`: the signed-in user; `text`: the page's texts; `messageList`:
 * the room's list layout (message_list/view.js); `sendChange(frame)`: sends an edit or delete
 * frame, false when it cannot
 */
export function createMessageListView({ root, me, text, messageList, maxLength, sendChange }) {
  const list = root.querySelector('#messages')
  const olderList = root.querySelector('#older-messages')
  const scroller = createScroller(list)
  const actions = createMessageActions({
    root,
    me,
    maxLength,
    text,
    render: messageList.context,
    sendChange,
  })
  const reactions = createReactionActions({ root, render: messageList.context, sendChange })
  let oldestSeq =
    Number(list.querySelector('.message, .room-event')?.dataset.seq) ||
    (Number(root.dataset.lastSeq) || 0) + 1
  list.querySelectorAll('.message').forEach((item) => actions.decorate(item))
  const roomEntries = createRoomEntries(root)
  // the text of each pending item, for "Send again" when the chat refuses it
  const pendingTexts = new WeakMap()

  /**
   * A message item: avatar, author, text, then time, so a screen reader hears "who: what"
   * first; then the menu
   */
  function render(message) {
    const item = renderMessage(message, false, messageList.context)
    actions.decorate(item)
    return item
  }

  /** The item of message `seq`, on the page or among the earlier ones loaded */
  function findItem(seq) {
    const selector = `[data-seq="${Number(seq)}"]`
    return list.querySelector(selector) ?? olderList.querySelector(selector)
  }

  function findPending(clientId) {
    return [...list.querySelectorAll('[data-client-id]')].find(
      (element) => element.dataset.clientId === clientId
    )
  }

  return {
    scroller,

    /** The oldest seq shown (one past the room's last when the list is empty) */
    oldestSeq: () => oldestSeq,

    /**
     * Shows a live entry of the log: a new message (or the acknowledged form of a pending
     * one), or an edit or delete applied to the message it targets
     */
    receive(message) {
      if (roomEntries.has(message)) {
        if (!findItem(message.seq))
          list.insertBefore(roomEntries.receive(message), list.querySelector('.pending, .failed'))
        messageList.layout()
        return scroller.isNearBottom() && scroller.toBottom()
      }
      if (message.kind !== 'message') {
        reactions.apply(message, findItem(message.target))
        return actions.apply(message, findItem(message.target))
      }
      const acked = findItem(message.seq)
      if (acked) return actions.fill(acked, message)
      const follow = scroller.isNearBottom() || message.user.id === me.id
      const pending = message.client_id && findPending(message.client_id)
      if (pending && message.user.id === me.id) {
        confirm(pending, message.seq)
        actions.fill(pending, message)
      } else {
        list.insertBefore(render(message), list.querySelector('.pending, .failed'))
      }
      messageList.layout()
      if (follow) scroller.toBottom()
    },

    /** Shows a message of the outbox as "sending…" at the end of the list */
    addPending(entry) {
      const item = render({ seq: 0, user: me, text: entry.text, created_at: Date.now() })
      item.classList.add('pending')
      item.dataset.clientId = entry.client_id
      pendingTexts.set(item, entry.text)
      const state = document.createElement('span')
      state.className = 'state'
      state.textContent = text('sending')
      item.append(state)
      list.append(item)
      messageList.layout()
      scroller.toBottom()
    },

    /** Turns the pending message `clientId` into message `seq`; false when it is not shown */
    confirmPending(clientId, seq) {
      const pending = findPending(clientId)
      if (pending) confirm(pending, seq)
      return Boolean(pending)
    },

    /**
     * Marks the pending message `clientId` as not sent, saying why, with "Send again" (calls
     * `resend(text)` with its text) and "Discard"; either removes the item and puts focus back
     * in the message box. False when the item is not shown
     */
    failPending(clientId, reason, resend) {
      const failed = findPending(clientId)
      if (!failed) return false
      failed.classList.replace('pending', 'failed')
      const state = failed.querySelector('.state')
      const close = () => {
        failed.remove()
        messageList.layout()
        root.querySelector('#message-text')?.focus()
      }
      state.replaceChildren(
        text('not_sent', { reason }),
        ' ',
        actionButton(text('send_again'), () => {
          close()
          resend(pendingTexts.get(failed))
        }),
        ' ',
        actionButton(text('discard'), close)
      )
      return true
    },

    /**
     * Adds earlier messages and system lines above, keeping the reader's place; returns how
     * many were new
     */
    prependOlder(messages) {
      const older = messages.filter((message) => message.seq < oldestSeq)
      scroller.keepPosition(() => {
        olderList.prepend(
          ...older.map((entry) =>
            roomEntries.has(entry) ? roomEntries.render(entry) : render(entry)
          )
        )
        messageList.layout()
      })
      olderList.hidden = olderList.children.length === 0
      if (older.length > 0) oldestSeq = older[0].seq
      return older.length
    },

    /**
     * Opens the editor of the writer's newest message that can still be edited; focus goes
     * back to `returnFocus` when it closes. False when there is none.
     */
    editLastOwn(returnFocus) {
      const own = [...olderList.children, ...list.children].filter(
        (item) =>
          item.matches('.message[data-seq]:not(.deleted)') &&
          Number(item.dataset.userId) === me.id &&
          item.dataset.text !== undefined
      )
      const last = own.at(-1)
      if (!last) return false
      actions.edit(last, returnFocus)
      scroller.toElement(last)
      return true
    },
  }

  /** A small button saying `label` that runs `onClick` */
  function actionButton(label, onClick) {
    const button = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'link-button',
      textContent: label,
    })
    button.addEventListener('click', onClick)
    return button
  }

  /**
   * Turns a pending item into a sent message in place: a screen reader already heard it, so
   * it is not added to the log a second time
   */
  function confirm(item, seq) {
    item.classList.remove('pending')
    item.dataset.seq = String(seq)
    item.removeAttribute('data-client-id')
    item.querySelector('.state')?.remove()
  }
}
