import Message from '#models/message'
import type User from '#models/user'
import { RoomFactory } from '#database/factories/room_factory'
import { MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'

/**
 * A room owned by `owner` with `count` messages (seq 1..count, written
 * straight to the database, with their rendered HTML) by `authors` in turn, saying `bodies` in turn,
 * and `lastSeq` = count
 */
export async function createRoomWithMessages(
  owner: User,
  count: number,
  options: { name?: string; description?: string; authors?: User[]; bodies?: string[] } = {}
) {
  const authors = options.authors ?? [owner]
  const bodies = options.bodies ?? ['Shall we meet at the library on Friday afternoon?']
  const room = await RoomFactory.merge({
    ownerId: owner.id,
    ...(options.name ? { name: options.name } : {}),
    ...(options.description ? { description: options.description } : {}),
  }).create()
  const renderer = new MarkdownMessageRenderer()
  await Message.createMany(
    Array.from({ length: count }, (_, index) => ({
      roomId: room.id,
      userId: authors[index % authors.length].id,
      seq: index + 1,
      body: bodies[index % bodies.length],
      bodyHtml: renderer.render(bodies[index % bodies.length]).html,
    }))
  )
  room.lastSeq = count
  await room.save()
  return room
}
