/**
 * Writes a batch of one room's items in one transaction; returns one result
 * per item, in order
 */
export type BatchWriter<Item, Result> = (room: number, items: Item[]) => Promise<Result[]>

type Pending<Item, Result> = {
  item: Item
  resolve: (result: Result) => void
  reject: (error: unknown) => void
}

/**
 * Group commit per room: while a room's transaction is in flight, appends to
 * that room wait and then go together in the next one, so one commit (one
 * fsync, one row lock on the room) acknowledges many messages. A lone append
 * starts at once, so an idle room pays no extra latency. Order within a
 * room is arrival order; a failed batch rejects every append in it (clients
 * resend with their client_id, which keeps the log exactly-once).
 */
export class GroupedAppends<Item, Result> {
  #waiting = new Map<number, Array<Pending<Item, Result>>>()
  #writing = new Set<number>()

  constructor(
    private readonly write: BatchWriter<Item, Result>,
    private readonly maxBatch: number
  ) {}

  /**
   * Queues `item` for `room`; resolves with its own result once committed
   */
  add(room: number, item: Item) {
    return new Promise<Result>((resolve, reject) => {
      const waiting = this.#waiting.get(room)
      if (waiting) {
        waiting.push({ item, resolve, reject })
      } else {
        this.#waiting.set(room, [{ item, resolve, reject }])
      }
      if (!this.#writing.has(room)) {
        this.#flush(room)
      }
    })
  }

  #flush(room: number) {
    const waiting = this.#waiting.get(room)
    if (!waiting || waiting.length === 0) {
      this.#waiting.delete(room)
      this.#writing.delete(room)
      return
    }
    const batch = waiting.splice(0, this.maxBatch)
    this.#writing.add(room)
    // The next batch starts before this one's callers resume
    this.write(
      room,
      batch.map((pending) => pending.item)
    ).then(
      (results) => {
        this.#flush(room)
        batch.forEach((pending, index) => pending.resolve(results[index]))
      },
      (error) => {
        this.#flush(room)
        batch.forEach((pending) => pending.reject(error))
      }
    )
  }
}
