import { randomUUID } from 'node:crypto'
import type { Bus, BusEnvelope, BusEvent, BusHandler } from './bus.js'

/**
 * The meeting point of memory buses: one per process by default; a test may
 * make its own to run several "nodes" side by side
 */
export class MemoryHub {
  readonly channels = new Map<string, Map<MemoryBus, BusHandler>>()
}

const processHub = new MemoryHub()

/**
 * In-process bus for a single server: every node on the same hub hears the
 * others, asynchronously, the way a network transport would deliver
 */
export class MemoryBus implements Bus {
  readonly #id = randomUUID()
  #subscriptions = new Set<string>()

  constructor(private readonly hub: MemoryHub = processHub) {}

  async publish(channel: string, event: BusEvent) {
    const envelope: BusEnvelope = { busId: this.#id, payload: event }
    const encoded = JSON.stringify(envelope)
    for (const [node, handler] of this.hub.channels.get(channel) ?? []) {
      setImmediate(() => node.#receive(channel, encoded, handler))
    }
  }

  async subscribe(channel: string, handler: BusHandler) {
    const nodes = this.hub.channels.get(channel) ?? new Map<MemoryBus, BusHandler>()
    nodes.set(this, handler)
    this.hub.channels.set(channel, nodes)
    this.#subscriptions.add(channel)
  }

  async unsubscribe(channel: string) {
    const nodes = this.hub.channels.get(channel)
    nodes?.delete(this)
    if (nodes?.size === 0) {
      this.hub.channels.delete(channel)
    }
    this.#subscriptions.delete(channel)
  }

  async disconnect() {
    for (const channel of [...this.#subscriptions]) {
      await this.unsubscribe(channel)
    }
  }

  onReconnect() {}

  #receive(channel: string, encoded: string, handler: BusHandler) {
    const envelope = JSON.parse(encoded) as BusEnvelope
    if (envelope.busId === this.#id || this.hub.channels.get(channel)?.get(this) !== handler) {
      return
    }
    handler(envelope.payload)
  }
}
