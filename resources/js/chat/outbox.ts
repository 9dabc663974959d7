/**
 * A message written but not yet acknowledged by the server: resent with the same `client_id`
 * until it is (the server stores it once)
 */
export interface OutboxEntry {
  client_id: string
  text: string
}

/**
 * Where the outbox keeps its entries (the browser's localStorage)
 */
export interface OutboxStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/**
 * The unsent messages of one person in one room, kept in `storage` so that they survive a
 * reconnect or a reload, in the order they were written. The key names the writer: another
 * person signing in on the same browser never sends them under their own name. A storage that
 * refuses to write (private mode, full) leaves the outbox working for this page only.
 */
export function createOutbox(
  storage: OutboxStorage,
  writer: { userId: number; roomId: number },
  newId: () => string = () => crypto.randomUUID()
) {
  const key = `roomchat:pending:${writer.userId}:${writer.roomId}`
  let memory: OutboxEntry[] | null = null

  function read(): OutboxEntry[] {
    if (memory) return memory
    try {
      const stored: unknown = JSON.parse(storage.getItem(key) ?? '[]')
      return Array.isArray(stored) ? stored.filter(isEntry) : []
    } catch {
      return []
    }
  }

  function write(entries: OutboxEntry[]) {
    try {
      if (entries.length === 0) storage.removeItem(key)
      else storage.setItem(key, JSON.stringify(entries))
      memory = null
    } catch {
      memory = entries
    }
  }

  return {
    /** Every unsent message, oldest first */
    entries: read,

    /** Keeps `text` as a new unsent message and returns it */
    add(text: string): OutboxEntry {
      const entry = { client_id: newId(), text }
      write([...read(), entry])
      return entry
    },

    /** Whether the message with this client_id is still unsent */
    has(clientId: string) {
      return read().some((entry) => entry.client_id === clientId)
    },

    /** Drops a message once the server stored it, or refused it for good */
    forget(clientId: string) {
      const entries = read()
      const left = entries.filter((entry) => entry.client_id !== clientId)
      if (left.length !== entries.length) write(left)
    },
  }
}

/**
 * What an outbox returns
 */
export type Outbox = ReturnType<typeof createOutbox>

function isEntry(value: unknown): value is OutboxEntry {
  const entry = value as OutboxEntry
  return typeof entry?.client_id === 'string' && typeof entry.text === 'string'
}
