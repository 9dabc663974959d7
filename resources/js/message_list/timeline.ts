/**
 * How a room's messages are laid out as a chat, as pure functions shared by the server (Edge
 * page) and the browser (live entries), so both draw the same list:
 *
 * - a day separator before the first message of each calendar day (in the reader's time zone);
 * - a message starts a group (avatar, name and time shown) unless it follows a message by the
 *   same person, sent at most GROUP_WINDOW_MS earlier on the same day, with nothing between
 *   them (the "New messages" divider, day separators and system lines such as a room's rename
 *   also start a new group).
 */

/**
 * Consecutive messages by one person at most this far apart share one name and avatar
 */
export const GROUP_WINDOW_MS = 5 * 60 * 1000

/**
 * What the layout needs to know about a message: its author and when it was sent (epoch ms)
 */
export interface TimelineMessage {
  userId: number
  sentAt: number
  /** A system line (a room-setting entry), after which a new group starts */
  system?: boolean
}

/**
 * A row of the list: a day separator, or a message that does or does not start a group
 */
export type TimelineRow<Message> =
  { type: 'day'; day: string } | { type: 'message'; message: Message; groupStart: boolean }

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * The calendar day of `time` (epoch ms) in `timeZone`, as YYYY-MM-DD
 */
export function dayOf(time: number, timeZone: string) {
  let format = dayFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    dayFormats.set(timeZone, format)
  }
  return format.format(time)
}

/**
 * Whether `message` starts a group after `previous` (null: nothing before it, or a divider)
 */
export function startsGroup(
  previous: TimelineMessage | null,
  message: TimelineMessage,
  timeZone: string
) {
  if (breaksRun(previous, message)) return true
  return dayOf(previous!.sentAt, timeZone) !== dayOf(message.sentAt, timeZone)
}

/**
 * Whether `message` starts a group after `previous` on the same day: nothing before it, another
 * person, or more than GROUP_WINDOW_MS apart
 */
function breaksRun(previous: TimelineMessage | null, message: TimelineMessage) {
  if (!previous || previous.userId !== message.userId) return true
  const gap = message.sentAt - previous.sentAt
  return gap < 0 || gap > GROUP_WINDOW_MS
}

/**
 * The rows of `messages` (oldest first): day separators and grouped messages. A message for
 * which `breaksBefore` is true starts a group (the unread divider goes before it).
 */
export function timeline<Message extends TimelineMessage>(
  messages: Message[],
  timeZone: string,
  breaksBefore: (message: Message) => boolean = () => false
) {
  const rows: TimelineRow<Message>[] = []
  let previous: Message | null = null
  let previousDay = ''
  for (const message of messages) {
    // One day lookup per message (Intl formatting is most of the layout's cost)
    const day = dayOf(message.sentAt, timeZone)
    const newDay = !previous || previousDay !== day
    if (newDay) rows.push({ type: 'day', day })
    const groupStart = newDay || breaksBefore(message) || breaksRun(previous, message)
    rows.push({ type: 'message', message, groupStart })
    previous = message.system ? null : message
    previousDay = day
  }
  return rows
}

/**
 * The day before `day` (YYYY-MM-DD)
 */
export function dayBefore(day: string) {
  const [year, month, date] = day.split('-').map(Number)
  return new Date(Date.UTC(year, month - 1, date - 1)).toISOString().slice(0, 10)
}

/**
 * Words a clock needs from the page's translations
 */
export interface ClockWords {
  today: string
  yesterday: string
}

/**
 * The formats of a clock, by locale and time zone (building them costs more than using them)
 */
const clockFormatCache = new Map<string, ReturnType<typeof buildClockFormats>>()

function clockFormats(locale: string, timeZone: string) {
  const key = `${locale}\0${timeZone}`
  let formats = clockFormatCache.get(key)
  if (!formats) {
    formats = buildClockFormats(locale, timeZone)
    clockFormatCache.set(key, formats)
  }
  return formats
}

function buildClockFormats(locale: string, timeZone: string) {
  const dayFormat = (withYear: boolean) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      ...(withYear ? { year: 'numeric' } : {}),
    })
  return {
    time: new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }),
    full: new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }),
    thisYear: dayFormat(false),
    otherYear: dayFormat(true),
  }
}

/**
 * Time labels in `locale` and `timeZone`, relative to `now` (epoch ms): a message's time
 * ("10:42 AM"), its full date and time (a tooltip) and a day separator's label ("Today",
 * "Yesterday", "Monday, December 1", with the year when it is not this year's)
 */
export function createClock(locale: string, timeZone: string, words: ClockWords, now: number) {
  const { time, full, thisYear, otherYear } = clockFormats(locale, timeZone)
  const today = dayOf(now, timeZone)
  const yesterday = dayBefore(today)
  return {
    /**
     * "10:42 AM" ("10:42" in Vietnamese)
     */
    time: (sentAt: number) => time.format(sentAt),
    /**
     * The full date and time, for a tooltip
     */
    full: (sentAt: number) => full.format(sentAt),
    /**
     * The label of day separator `day` (YYYY-MM-DD)
     */
    day(day: string) {
      if (day === today) return words.today
      if (day === yesterday) return words.yesterday
      const [year, month, date] = day.split('-').map(Number)
      const format = day.slice(0, 4) === today.slice(0, 4) ? thisYear : otherYear
      return format.format(Date.UTC(year, month - 1, date))
    },
  }
}
