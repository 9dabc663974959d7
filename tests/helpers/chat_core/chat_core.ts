import { ChatNode } from '#chat/src/chat_node'
import { ChatSession } from '#chat/src/chat_session'
import { MemoryBus, MemoryHub } from '#chat/src/memory_bus'
import type { RoomAccess } from '#chat/src/room_access'
import type { ReadMarkers } from '#chat/src/read_markers'
import type { ChatLimits } from '#chat/src/limits'
import type { Logger } from '#chat/src/logger'
import type { ChatUser } from '#chat/src/ticket_verifier'
import { MemoryMessageStore } from '#tests/helpers/chat_core/memory_message_store'
import { FakeClock } from '#tests/helpers/chat_core/fake_clock'
import { fakeConnection, type ReceivedFrame } from '#tests/helpers/chat_core/fake_socket'

/**
 * A logger that drops everything
 */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

/**
 * Resolves once `condition` holds, letting pending callbacks run in between
 * (the core's work is promise and setImmediate driven: no clock involved)
 */
export async function until(condition: () => boolean, what = 'the condition') {
  for (let turn = 0; turn < 1000; turn++) {
    if (condition()) {
      return
    }
    await new Promise((resolve) => setImmediate(resolve))
  }
  throw new Error(`${what} never held`)
}

/**
 * Lets every pending callback run
 */
export async function settle() {
  for (let turn = 0; turn < 20; turn++) {
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/**
 * The chat core of one or more nodes in memory: one store, one fake clock,
 * one bus hub; users see every room of the store unless `hidden` from them
 */
export function memoryChat(limits: Partial<ChatLimits> = {}) {
  const clock = new FakeClock()
  const store = new MemoryMessageStore(clock)
  const busHub = new MemoryHub()
  const hidden = new Set<string>()
  const mutes = new Map<string, number>()
  const access: RoomAccess = {
    async visibleRoom(room, user) {
      return store.hasRoom(room) && !hidden.has(`${room}:${user.id}`)
        ? { id: room, lastSeq: store.lastSeq(room), isPrivate: false }
        : null
    },
    async mayModerate(room, user) {
      return store.ownerOf(room) === user.id
    },
    async mutedUntil(room, user) {
      return mutes.get(`${room}:${user}`) ?? null
    },
    async isArchived() {
      return false
    },
  }
  const nodes: ChatNode[] = []
  return {
    clock,
    store,
    /** Hides `room` from `user` from now on (a removed member) */
    hide(room: number, user: ChatUser) {
      hidden.add(`${room}:${user.id}`)
    },
    /** Mutes `user` in `room` until `end` (epoch ms; null unmutes) as the app records it */
    mute(room: number, user: ChatUser, end: number | null) {
      if (end === null) mutes.delete(`${room}:${user.id}`)
      else mutes.set(`${room}:${user.id}`, end)
    },
    /** A new node on the shared store and bus (with `readMarkers` when given) */
    node(readMarkers?: ReadMarkers) {
      const node = new ChatNode({
        store,
        access,
        bus: new MemoryBus(busHub),
        logger: silentLogger,
        clock,
        limits,
        readMarkers,
      })
      nodes.push(node)
      return node
    },
    /** Closes every node */
    async close() {
      await Promise.all(nodes.map((node) => node.close()))
    },
  }
}

/**
 * A socket session of `user` on `node`: `send` a frame, read `frames`
 */
export function openSession(node: ChatNode, user: ChatUser) {
  const { connection, frames } = fakeConnection(user)
  const session = new ChatSession(connection, node)
  return {
    connection,
    frames,
    send(frame: Record<string, unknown>) {
      session.receive(JSON.stringify(frame))
    },
    /** Resolves with the first frame matching `fields` (waiting for it) */
    async next(fields: Partial<ReceivedFrame>) {
      const matches = (frame: ReceivedFrame) =>
        Object.entries(fields).every(([key, value]) => frame[key] === value)
      await until(() => frames.some(matches), `a frame ${JSON.stringify(fields)}`)
      return frames.find(matches)!
    },
    end() {
      session.end()
    },
  }
}
