/**
 * Where drafts are kept (the tab's sessionStorage)
 */
export interface DraftStorage {
  readonly length: number
  key(index: number): string | null
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

const PREFIX = 'roomchat:draft:'

/**
 * The text one person left in one room's message box, kept in `storage` so that switching
 * rooms or reloading the page gives it back. The key names the writer, and a storage that
 * refuses (private mode, full) keeps nothing: the box then works as if there were no drafts.
 */
export function createDraft(storage: DraftStorage, writer: { userId: number; roomId: number }) {
  const key = `${PREFIX}${writer.userId}:${writer.roomId}`
  return {
    /** The text left in the box, '' when there is none */
    read() {
      try {
        return storage.getItem(key) ?? ''
      } catch {
        return ''
      }
    },

    /** Keeps `text` as the draft; a blank box forgets it */
    save(text: string) {
      try {
        if (text.trim() === '') storage.removeItem(key)
        else storage.setItem(key, text)
      } catch {}
    },
  }
}

/**
 * A room's draft, as `createDraft` returns it
 */
export type Draft = ReturnType<typeof createDraft>

/**
 * Forgets every draft in `storage` (on sign-out: the next person in this tab finds none)
 */
export function forgetDrafts(storage: DraftStorage) {
  try {
    const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index))
    for (const key of keys) {
      if (key?.startsWith(PREFIX)) storage.removeItem(key)
    }
  } catch {}
}
