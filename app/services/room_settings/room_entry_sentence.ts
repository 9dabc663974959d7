import type { I18n } from '@adonisjs/i18n'
import { entryTextKey } from '#client/room_settings/entry_text'

/**
 * The sentence telling a room-setting entry of the log in the reader's
 * language ("Ana renamed the room to “Book club”"), as the browser writes
 * live ones (room_settings/room_entries.js); `entry.author` must be loaded
 */
export function roomEntrySentence(
  i18n: I18n,
  entry: { kind: string; body: string; author: { name: string } }
) {
  return i18n.t(`room_settings.entries.${entryTextKey(entry.kind, entry.body)}`, {
    user: entry.author.name,
    text: entry.body,
  })
}
