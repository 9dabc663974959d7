import { parseClientFrame, type ClientFrame, type FrameError } from './client_frames.js'
import { serverFrames } from './server_frames.js'
import { TokenBucket } from './token_bucket.js'
import type { Connection } from './connection.js'
import { CHANGE_REFUSALS, type AppendResult, type ChangeResult } from './message_store.js'
import type { ChatNode } from './chat_node.js'
import { MutedError } from './room_mutes.js'
import { RoomArchivedError } from './room_archives.js'

/**
 * What #unlessMuted answers when the write was refused as muted (already told)
 */
const MUTED = Symbol('muted')

/**
 * The protocol for one connection: rate-limits, validates and answers its
 * frames in arrival order (a refusal too waits for the answers to the frames
 * before it). Every refusal is an error frame; the socket stays open.
 */
export class ChatSession {
  /**
   * Made on the first frame: a new bucket is full, as one made at connect
   * time would be by then, and a socket that never sends holds none
   */
  #bucket: TokenBucket | null = null

  constructor(
    readonly connection: Connection,
    private readonly deps: ChatNode
  ) {}

  /**
   * Handles one text frame
   */
  receive(raw: string) {
    const parsed = parseClientFrame(raw, this.deps.limits)
    const { limits, clock } = this.deps
    this.#bucket ??= new TokenBucket(limits.framesPerSecond, limits.frameBurst, clock)
    if (!this.#bucket.take()) {
      const ref = parsed.ok ? refOf(parsed.frame) : parsed.error.ref
      return this.#refuseInOrder({
        code: 'rate_limited',
        message: 'Too many frames, slow down',
        ref,
      })
    }
    if (!parsed.ok) {
      return this.#refuseInOrder(parsed.error)
    }
    this.connection.enqueue(
      () => this.#handle(parsed.frame),
      (error) => this.#unavailable(error, refOf(parsed.frame))
    )
  }

  /**
   * Leaves every room (the socket closed)
   */
  end() {
    for (const room of [...this.connection.rooms]) {
      this.deps.hub.leave(room, this.connection)
    }
  }

  async #handle(frame: ClientFrame) {
    switch (frame.type) {
      case 'ping':
        return this.connection.send(serverFrames.pong())
      case 'status':
        return this.deps.presence.reported(this.connection, frame.state)
      case 'join':
        return this.#join(frame.room, frame.since, frame.batch)
      case 'send':
        if (frame.replyTo === null) return this.#send(frame.room, frame.clientId, frame.text)
        return this.#change(frame.room, frame.clientId, (user, acknowledge) =>
          this.deps.reply({ ...frame, user, replyTo: frame.replyTo! }, acknowledge)
        )
      case 'edit':
        return this.#change(frame.room, frame.clientId, (user, acknowledge) =>
          this.deps.edit({ ...frame, user }, acknowledge)
        )
      case 'delete':
        return this.#change(frame.room, frame.clientId, (user, acknowledge) =>
          this.deps.remove({ ...frame, user }, acknowledge)
        )
      case 'pin':
      case 'unpin':
        return this.#change(frame.room, frame.clientId, (user, acknowledge) =>
          this.deps.pin({ ...frame, user, pinned: frame.type === 'pin' }, acknowledge)
        )
      case 'react':
      case 'unreact':
        return this.#change(frame.room, frame.clientId, (user, acknowledge) =>
          this.deps.react({ ...frame, user, on: frame.type === 'react' }, acknowledge)
        )
      case 'history':
        return this.#history(frame.room, frame.before, frame.limit)
      case 'replies':
        return this.#replies(frame.room, frame.target, frame.before, frame.limit)
      case 'typing':
        return this.#typing(frame.room)
      case 'read':
        return this.#read(frame.room, frame.seq)
      case 'leave':
        return this.#leave(frame.room)
    }
  }

  async #join(room: number, since: number | null, batch: boolean) {
    const head = await this.deps.access.visibleRoom(room, this.connection.user)
    if (!head) {
      return this.#refuse({ code: 'room_not_found', message: 'No such room', ref: room })
    }
    const { feed, lastSeq } = await this.deps.hub.join(room, head.lastSeq, this.connection)
    if (head.isPrivate && !(await this.deps.access.visibleRoom(room, this.connection.user))) {
      // Removed from the room between the check and the join: the revocation
      // reached the feed before this socket did, so it is told now
      this.deps.hub.leave(room, this.connection)
      return this.connection.send(serverFrames.roomAccessRevoked(room))
    }
    this.deps.metrics.joined()
    if (since === null) {
      return feed.goLive(this.connection, lastSeq)
    }
    try {
      await feed.replay(this.connection, since, batch)
    } catch (error) {
      this.deps.hub.leave(room, this.connection)
      throw error
    }
  }

  async #send(room: number, clientId: string, text: string) {
    if (!this.connection.rooms.has(room)) {
      return this.#refuse({ code: 'not_joined', message: 'Join the room first', ref: clientId })
    }
    const started = performance.now()
    const stored = await this.#unlessMuted(clientId, () =>
      this.deps.post({ room, user: this.connection.user, clientId, text }, (entry) => {
        this.#acknowledge(room, clientId, entry)
        this.deps.metrics.ackLatency((performance.now() - started) / 1000)
      })
    )
    if (stored === MUTED) return
    if (!stored) {
      return this.#refuse({ code: 'room_not_found', message: 'No such room', ref: clientId })
    }
  }

  /**
   * An edit or delete: appended to the room's log, acked and fanned out like a send
   */
  async #change(
    room: number,
    clientId: string,
    write: (
      user: Connection['user'],
      acknowledge: (entry: AppendResult) => void
    ) => Promise<ChangeResult>
  ) {
    if (!this.connection.rooms.has(room)) {
      return this.#refuse({ code: 'not_joined', message: 'Join the room first', ref: clientId })
    }
    const result = await this.#unlessMuted(clientId, () =>
      write(this.connection.user, (entry) => this.#acknowledge(room, clientId, entry))
    )
    if (result === MUTED) return
    if (!result.ok) {
      return this.#refuse({
        code: result.refusal,
        message: CHANGE_REFUSALS[result.refusal],
        ref: clientId,
      })
    }
  }

  /**
   * Runs a write; a MutedError becomes the `muted` error frame (its message
   * says until when), a RoomArchivedError the `room_archived` one
   */
  async #unlessMuted<T>(clientId: string, write: () => Promise<T>): Promise<T | typeof MUTED> {
    try {
      return await write()
    } catch (error) {
      if (error instanceof RoomArchivedError) {
        this.#refuse({ code: error.code, message: error.message, ref: clientId })
        return MUTED
      }
      if (!(error instanceof MutedError)) throw error
      this.#refuse({ code: 'muted', message: error.message, ref: clientId })
      return MUTED
    }
  }

  #acknowledge(room: number, clientId: string, entry: AppendResult) {
    this.connection.send(serverFrames.ack(room, clientId, entry.seq, entry.id))
    if (!entry.duplicate) {
      this.deps.metrics.accepted(entry.kind)
    }
  }

  async #history(room: number, before: number | null, limit: number) {
    const head = await this.deps.access.visibleRoom(room, this.connection.user)
    if (!head) {
      return this.#refuse({ code: 'room_not_found', message: 'No such room', ref: room })
    }
    const page = await this.deps.store.readBefore(room, before, limit)
    this.connection.send(serverFrames.history(room, page.messages, page.hasMore))
  }

  async #replies(room: number, target: number, before: number | null, limit: number) {
    if (!(await this.deps.access.visibleRoom(room, this.connection.user))) {
      return this.#refuse({ code: 'room_not_found', message: 'No such room', ref: room })
    }
    const page = await this.deps.store.readReplies(room, target, before, limit)
    if (!page) {
      return this.#refuse({
        code: 'message_not_found',
        message: CHANGE_REFUSALS.message_not_found,
        ref: room,
      })
    }
    this.connection.send(serverFrames.replies(room, page))
  }

  async #typing(room: number) {
    const feed = this.deps.hub.feed(room)
    if (!feed || !this.connection.rooms.has(room)) {
      return this.#refuse({ code: 'not_joined', message: 'Join the room first', ref: room })
    }
    feed.typing(this.connection)
  }

  async #read(room: number, seq: number) {
    if (!this.connection.rooms.has(room)) {
      return this.#refuse({ code: 'not_joined', message: 'Join the room first', ref: room })
    }
    const stored = await this.deps.markRead(this.connection.user.id, room, seq)
    if (stored === null) {
      return this.#refuse({ code: 'room_not_found', message: 'No such room', ref: room })
    }
    this.connection.send(serverFrames.read(room, stored))
  }

  async #leave(room: number) {
    if (!this.connection.rooms.has(room)) {
      return this.#refuse({ code: 'not_joined', message: 'Not in this room', ref: room })
    }
    this.deps.hub.leave(room, this.connection)
    this.connection.send(serverFrames.left(room))
  }

  #unavailable(error: unknown, ref: number | string | undefined) {
    this.deps.logger.error(
      { err: error, connection: this.connection.id, user: this.connection.user.id },
      'chat frame failed'
    )
    this.#refuse({ code: 'unavailable', message: 'Chat storage is unavailable, retry', ref })
  }

  /**
   * Refuses the frame being handled (its task is running: answered at once)
   */
  #refuse(error: FrameError) {
    this.#count(error)
    this.connection.send(serverFrames.error(error))
  }

  /**
   * Refuses a frame that gets no task, after the answers to earlier frames
   */
  #refuseInOrder(error: FrameError) {
    this.#count(error)
    this.connection.sendInOrder(serverFrames.error(error))
  }

  #count(error: FrameError) {
    this.deps.metrics.rejected(error.code)
    this.deps.logger.debug(
      { connection: this.connection.id, user: this.connection.user.id, code: error.code },
      'chat frame refused'
    )
  }
}

/**
 * What an error about this frame points at: its client_id, else its room
 */
function refOf(frame: ClientFrame) {
  if ('clientId' in frame) {
    return frame.clientId
  }
  return frame.type === 'ping' || frame.type === 'status' ? undefined : frame.room
}
