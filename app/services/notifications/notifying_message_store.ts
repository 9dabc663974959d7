import type { AppendResult, MessageStore, NewMessage } from '#chat/index'

/**
 * Called with every new entry a store appended (after its commit)
 */
type OnAppended = (entry: AppendResult) => void

/**
 * The chat's message store, telling `onAppended` of each new message and
 * `onRemoved` of each deletion once it is committed (a replayed client id
 * wrote nothing, so tells nothing). The listeners run on a later tick:
 * notifications never delay an ack.
 */
export class NotifyingMessageStore implements MessageStore {
  constructor(
    private readonly store: MessageStore,
    private readonly onAppended: OnAppended,
    private readonly onRemoved: OnAppended
  ) {}

  async append(message: NewMessage) {
    const stored = await this.store.append(message)
    if (stored && !stored.duplicate) {
      setImmediate(() => this.onAppended(stored))
    }
    return stored
  }

  async reply(...args: Parameters<MessageStore['reply']>) {
    const result = await this.store.reply(...args)
    if (result.ok && !result.entry.duplicate) {
      setImmediate(() => this.onAppended(result.entry))
    }
    return result
  }

  readReplies(...args: Parameters<MessageStore['readReplies']>) {
    return this.store.readReplies(...args)
  }

  edit(...args: Parameters<MessageStore['edit']>) {
    return this.store.edit(...args)
  }

  async remove(...args: Parameters<MessageStore['remove']>) {
    const result = await this.store.remove(...args)
    if (result.ok && !result.entry.duplicate) {
      setImmediate(() => this.onRemoved(result.entry))
    }
    return result
  }

  pin(...args: Parameters<MessageStore['pin']>) {
    return this.store.pin(...args)
  }

  react(...args: Parameters<MessageStore['react']>) {
    return this.store.react(...args)
  }

  readAfter(...args: Parameters<MessageStore['readAfter']>) {
    return this.store.readAfter(...args)
  }

  streamFramesAfter(...args: Parameters<MessageStore['streamFramesAfter']>) {
    return this.store.streamFramesAfter(...args)
  }

  readBefore(...args: Parameters<MessageStore['readBefore']>) {
    return this.store.readBefore(...args)
  }
}
