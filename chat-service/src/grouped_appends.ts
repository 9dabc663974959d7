/**
 * Writes a batch of one room's items in one transaction; returns one result
 * per item, in order
 */
type BatchWriter<Item, Result> = (room: number, items: Item[]) => Promise<Result[]>

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
 * room is arrival order. One item must not fail the others: a failed batch
 * of several is written again one item at a time, in order, so only the
 * items that fail alone are rejected (clients resend those with their
 * client_id, which keeps the log exactly-once).
 */
export class GroupedAppends<Item, Result> {
  #waiting = new Map<number, Array<Pending<Item, Result>>>()
  #writing = new Set<number>()

  /**
   * `retryAlone(error)`: whether a batch failure may be one item's, so the
   * items are worth writing one by one (not when the database is gone)
   */
  constructor(
    private readonly write: BatchWriter<Item, Result>,
    private readonly maxBatch: number,
    private readonly retryAlone: (error: unknown) => boolean = () => true
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
        if (batch.length > 1 && this.retryAlone(error)) {
          return this.#writeOneByOne(room, batch).then(() => this.#flush(room))
        }
        this.#flush(room)
        batch.forEach((pending) => pending.reject(error))
      }
    )
  }

  /**
   * Writes each item of a failed batch in its own transaction, in order
   */
  async #writeOneByOne(room: number, batch: Array<Pending<Item, Result>>) {
    for (const pending of batch) {
      try {
        const [result] = await this.write(room, [pending.item])
        pending.resolve(result)
      } catch (error) {
        pending.reject(error)
      }
    }
  }
}
