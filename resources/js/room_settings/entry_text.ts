/**
 * Which sentence of the `room_settings.entries` texts tells a room-setting entry of the log,
 * shared by the server (the room page's system lines) and the browser (live ones): a
 * visibility entry's text is the new visibility, and a topic entry without text clears it.
 */

/**
 * The key of the sentence telling the entry of `kind` with `text` ("rename", "private",
 * "topic_cleared"…)
 */
export function entryTextKey(kind: string, text: string) {
  if (kind === 'visibility') return text
  if (kind === 'topic' && text === '') return 'topic_cleared'
  return kind
}
