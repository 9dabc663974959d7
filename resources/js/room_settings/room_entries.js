/**
 * System entries of a room's log that change its settings (rename, topic, visibility,
 * owner, archive, unarchive): each shows as a small centred line in the message list, and
 * the page follows it at once (the header's name and topic, the tab title, the composer of
 * an archived room giving way to a notice). Text is inserted with textContent only.
 */

import { entryTextKey } from './entry_text.ts'

const KINDS = new Set(['rename', 'topic', 'visibility', 'owner', 'archive', 'unarchive'])

/**
 * `root`: the room (#chat), holding the #room-entry-texts block
 */
export function createRoomEntries(root) {
  const texts = JSON.parse(root.querySelector('#room-entry-texts')?.textContent || '{}')

  function sentence(entry) {
    const who = entry.user.display_name || entry.user.username
    return (texts[entryTextKey(entry.kind, entry.text)] ?? entry.kind).replace(
      /\{(\w+)\}/g,
      (_, name) => (name === 'user' ? who : name === 'text' ? entry.text : '')
    )
  }

  /** The list item telling `entry` (the markup of partials/room_event.edge) */
  function render(entry) {
    const item = document.createElement('li')
    item.className = 'room-event'
    item.dataset.seq = String(entry.seq)
    item.dataset.kind = entry.kind
    item.dataset.userId = String(entry.user.id)
    const line = document.createElement('span')
    line.className = 'room-event-text'
    line.textContent = sentence(entry)
    const time = document.createElement('time')
    time.dateTime = new Date(entry.created_at).toISOString()
    item.append(line, ' ', time)
    return item
  }

  function follow(entry) {
    const header = document.querySelector('.room-header')
    if (entry.kind === 'rename') {
      const name = header?.querySelector('.room-name')
      if (name) {
        document.title = document.title.replace(name.textContent, entry.text)
        name.textContent = entry.text
      }
    } else if (entry.kind === 'topic' && header) {
      let topic = header.querySelector('.room-topic')
      if (!topic) {
        topic = document.createElement('p')
        topic.className = 'room-topic'
        header.querySelector('.room-name')?.after(topic)
      }
      topic.textContent = entry.text
      topic.title = entry.text
      topic.hidden = entry.text === ''
    } else if (entry.kind === 'archive' || entry.kind === 'unarchive') {
      const archived = entry.kind === 'archive'
      const notice = root.querySelector('[data-archived-notice]')
      const form = root.querySelector('#send-form')
      if (notice) notice.hidden = !archived
      if (form) form.hidden = archived
    }
  }

  return {
    /** Whether `entry` is a room-setting entry */
    has: (entry) => KINDS.has(entry.kind),

    /** The list item telling a live or replayed `entry`, after the page followed it */
    receive(entry) {
      follow(entry)
      return render(entry)
    },

    /** The list item telling an earlier `entry` (a history page: the page does not follow it) */
    render,
  }
}
