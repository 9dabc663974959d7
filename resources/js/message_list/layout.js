/**
 * Keeps the message lists laid out as a chat after every change (load, live message, earlier
 * messages, a new day): day separators and group starts follow timeline.ts, the same rules the
 * server used, but in the browser's time zone (the server knows it only from the `tz` cookie
 * this module sets), and every time label is rewritten in it.
 */
import { dayOf, startsGroup } from './timeline.ts'
import { renderAuthor, renderDaySeparator } from './render.js'

/**
 * The browser's IANA time zone
 */
export const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone

/**
 * Tells the server the browser's time zone for its next pages (app/helpers/reader_time_zone.ts)
 */
export function rememberTimeZone() {
  const value = encodeURIComponent(browserTimeZone)
  document.cookie = `tz=${value}; path=/; max-age=31536000; samesite=lax`
}

/**
 * Lays out `lists` (the <ol>s of messages and system lines, oldest first) with `clock` in
 * `timeZone`: one day separator before the first entry of each day (reused when it is already
 * there, removed when it no longer starts a day), `group-start` on the messages that start a
 * run, and each time and separator label written again
 */
export function layoutLists(lists, clock, timeZone = browserTimeZone) {
  const kept = new Set()
  let previous = null
  let previousDay = null
  for (const list of lists) {
    for (const item of list.querySelectorAll(':scope > .message, :scope > .room-event')) {
      const time = item.querySelector(':scope > time')
      const current = { userId: Number(item.dataset.userId), sentAt: Date.parse(time.dateTime) }
      const day = dayOf(current.sentAt, timeZone)
      if (day !== previousDay) {
        kept.add(separatorFor(item, day, clock))
        previous = null
      }
      previousDay = day
      const label = clock.time(current.sentAt)
      if (time.textContent !== label) time.textContent = label
      time.title = clock.full(current.sentAt)
      if (item.classList.contains('room-event')) {
        // A system line (a room's rename…) ends the group before it
        previous = null
        continue
      }
      const afterDivider = item.previousElementSibling?.classList.contains('unread-divider')
      const groupStart = afterDivider || startsGroup(previous, current, timeZone)
      item.classList.toggle('group-start', groupStart)
      syncAuthor(item, groupStart)
      previous = current
    }
    for (const separator of list.querySelectorAll(':scope > .day-separator')) {
      if (!kept.has(separator)) separator.remove()
    }
  }
}

/**
 * Makes the author a profile link in a row that starts a group, plain text in the others (a
 * deleted account's name, without data-username, stays text)
 */
function syncAuthor(item, groupStart) {
  const author = item.querySelector(':scope > .author')
  if (!author?.dataset.username || (author.tagName === 'A') === groupStart) return
  const user = { username: author.dataset.username, display_name: author.textContent }
  author.replaceWith(renderAuthor(user, groupStart))
}

/**
 * The separator of `day` right before `item` (or before the unread divider in front of it),
 * made when missing
 */
function separatorFor(item, day, clock) {
  let anchor = item
  if (anchor.previousElementSibling?.classList.contains('unread-divider')) {
    anchor = anchor.previousElementSibling
  }
  const before = anchor.previousElementSibling
  if (before?.classList.contains('day-separator') && before.dataset.day === day) {
    const heading = before.querySelector('h3')
    const label = clock.day(day)
    if (heading.textContent !== label) heading.textContent = label
    return before
  }
  const separator = renderDaySeparator(day, clock)
  anchor.before(separator)
  return separator
}
