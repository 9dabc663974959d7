import app from '@adonisjs/core/services/app'
import type { ApiClient } from '@japa/api-client'
import type Room from '#models/room'
import type User from '#models/user'
import { ChatNode } from '#chat/src/chat_node'

/**
 * The chat user of `user`, as frames carry people
 */
export function chatUser(user: User) {
  return { id: user.id, username: user.username }
}

/**
 * Posts `text` as `author` through the chat; returns its seq
 */
export async function post(room: Room, author: User, text: string) {
  const chat = await app.container.make(ChatNode)
  const stored = await chat.post({ room: room.id, user: chatUser(author), clientId: null, text })
  return stored!.seq
}

/**
 * Reacts to message `seq` with `emoji` as `reactor` through the chat
 */
export async function react(room: Room, reactor: User, seq: number, emoji = '👍') {
  const chat = await app.container.make(ChatNode)
  await chat.react({
    room: room.id,
    user: chatUser(reactor),
    clientId: null,
    target: seq,
    emoji,
    on: true,
  })
}

/**
 * The `<li>` of message `seq` on a rendered room page
 */
export function rowOf(html: string, seq: number) {
  return html.match(new RegExp(`<li\\s[^>]*data-seq="${seq}"[\\s\\S]*?</li>\\s*(?=<li|</ol>)`))?.[0]
}

/**
 * The room page as `user` sees it (`language`: Accept-Language; `timeZone`: the tz cookie)
 */
export async function pageAs(
  client: ApiClient,
  room: Room,
  user: User,
  options: { language?: string; timeZone?: string } = {}
) {
  const request = client.get(`/rooms/${room.id}`).loginAs(user)
  if (options.language) request.header('Accept-Language', options.language)
  if (options.timeZone) request.cookiesJar.tz = { name: 'tz', value: options.timeZone }
  const response = await request
  response.assertStatus(200)
  return response.text()
}
