import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import { test } from '@japa/runner'
import type { Group } from '@japa/runner/core'
import env from '#start/env'
import type User from '#models/user'
import type Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import ChatTicketService from '#services/chat/chat_ticket_service'
import { sessionCredential } from '#services/chat/chat_credentials'
import { ChatNode } from '#chat/src/chat_node'
import { PostgresBus } from '#chat/src/postgres_bus'
import { MemoryBus, MemoryHub } from '#chat/src/memory_bus'
import { systemClock } from '#chat/src/clock'
import type { Bus } from '#chat/src/bus'
import { pgConnectionOf } from '#chat/adapters/lucid_pg_connection'
import { LucidMessageStore } from '#chat/adapters/lucid_message_store'
import { MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'
import { ModelRoomAccess } from '#services/rooms/room_access'
import { startChatProcess } from '#tests/helpers/chat_process'
import { ChatTestClient, closeAllClients, type Frame } from '#tests/helpers/ws_client'
import { truncateTables } from '#tests/helpers/database'

/**
 * The Origin browsers on the app's pages send
 */
export const appOrigin = new URL(env.get('APP_URL')).origin

/**
 * A chat server a spec talks to
 */
export type RunningChat = { url: string; stop(): Promise<void> }

/**
 * The two ways the chat runs; every protocol spec runs against both
 */
export const chatModes: Array<{ name: string; start(): Promise<RunningChat> }> = [
  {
    name: 'in-process',
    start: async () => ({
      url: `ws://${env.get('HOST')}:${env.get('PORT')}/ws`,
      stop: async () => {},
    }),
  },
  {
    name: 'standalone',
    start: async () => {
      const chat = await startChatProcess()
      const restoreNode = await publishOnPostgresBus()
      return {
        url: chat.url,
        stop: async () => {
          await restoreNode()
          await chat.stop()
        },
      }
    },
  },
]

/**
 * Another chat node on `bus` (as a second web instance), counting nothing
 */
export async function otherChatNode(bus: Bus) {
  return new ChatNode({
    store: new LucidMessageStore(
      await app.container.make('lucid.db'),
      new MarkdownMessageRenderer()
    ),
    access: new ModelRoomAccess(),
    bus,
    logger: await app.container.make('logger'),
    clock: systemClock,
  })
}

/**
 * A chat node of the web app on the postgres bus (as in CHAT_MODE=external)
 */
export async function chatNodeOnPostgresBus() {
  const db = await app.container.make('lucid.db')
  const logger = await app.container.make('logger')
  return otherChatNode(new PostgresBus({ connection: pgConnectionOf(db), logger }))
}

/**
 * With the chat in another process, the web app rings it over the postgres
 * bus (as in CHAT_MODE=external); returns the undo
 */
async function publishOnPostgresBus() {
  const node = await chatNodeOnPostgresBus()
  app.container.swap(ChatNode, () => node)
  return async () => {
    app.container.restore(ChatNode)
    await node.close()
  }
}

/**
 * A chat node whose doorbells reach no other node (a lost bus event): its
 * messages are stored, and chat nodes learn of them only from the store
 */
export function nodeWithLostDoorbells() {
  return otherChatNode(new MemoryBus(new MemoryHub()))
}

/**
 * Protocol specs run against both chat modes: `define` adds the tests of a
 * group titled `<title> (<mode>)`; the chat starts before the group, each
 * test starts with empty tables and ends with its sockets closed
 */
export function chatGroup(
  title: string,
  define: (chat: RunningChat, group: Group, mode: (typeof chatModes)[number]) => void
) {
  for (const mode of chatModes) {
    test.group(`${title} (${mode.name})`, (group) => {
      const chat = {} as RunningChat
      group.setup(async () => {
        Object.assign(chat, await mode.start())
        return () => chat.stop()
      })
      group.each.setup(() => truncateTables())
      group.each.teardown(() => closeAllClients())
      define(chat, group, mode)
    })
  }
}

/**
 * A new user
 */
export function createUser() {
  return UserFactory.create()
}

/**
 * A new room, owned by `owner` or a new user
 */
export async function createRoom(owner?: User) {
  return RoomFactory.merge({ ownerId: (owner ?? (await createUser())).id }).create()
}

/**
 * A fresh ticket, minted the way GET /chat/ticket does, for a sign-in of its
 * own (`credential`, e.g. sessionCredential(id), or a new session's)
 */
export function ticketFor(user: User, credential = sessionCredential(randomUUID())) {
  return new ChatTicketService().issue(user, credential, { secure: false, host: null }).ticket
}

/**
 * Opens a socket as `user` from the app's origin
 */
export function connect(chat: { url: string }, user: User) {
  return ChatTestClient.open(chat.url, ticketFor(user), { origin: appOrigin })
}

/**
 * Joins `room` (replaying after `since` when given) and returns `joined`
 */
export async function join(client: ChatTestClient, room: Room | number, since?: number) {
  const id = typeof room === 'number' ? room : room.id
  client.send(since === undefined ? { type: 'join', room: id } : { type: 'join', room: id, since })
  return client.next({ type: 'joined', room: id })
}

/**
 * The next `presence` frame on `client` that names `user` among those who left
 */
export function presenceLeaving(client: ChatTestClient, user: User) {
  return client.next(
    (frame) =>
      frame.type === 'presence' &&
      frame.left.some((person: { id: number }) => person.id === user.id)
  )
}

/**
 * Ana and Bob, a room of Ana's, and a socket of each joined to it: the
 * arrange step most chat specs share
 */
export async function twoJoined(chat: { url: string }) {
  const ana = await createUser()
  const bob = await createUser()
  const room = await createRoom(ana)
  const anaSocket = await connect(chat, ana)
  const bobSocket = await connect(chat, bob)
  await join(anaSocket, room)
  await join(bobSocket, room)
  return { ana, bob, room, anaSocket, bobSocket }
}

/**
 * Sends a message and returns its ack
 */
export async function say(client: ChatTestClient, room: Room, clientId: string, text: string) {
  client.send({ type: 'send', room: room.id, client_id: clientId, text })
  return client.next({ type: 'ack', client_id: clientId })
}

/**
 * The seqs of message frames, in arrival order
 */
export function seqsOf(frames: Frame[]) {
  return frames.filter((frame) => frame.type === 'message').map((frame) => frame.seq as number)
}
