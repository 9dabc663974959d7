import { createServer } from 'node:http'
import { once } from 'node:events'
import app from '@adonisjs/core/services/app'
import { createChatServer } from '#chat/src/create_chat_server'
import { ChatNode, type ChatNodeDeps } from '#chat/src/chat_node'
import { MemoryBus, MemoryHub } from '#chat/src/memory_bus'
import { systemClock } from '#chat/src/clock'
import { LucidMessageStore } from '#chat/adapters/lucid_message_store'
import { MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'
import { EncryptionTicketVerifier } from '#chat/adapters/encryption_ticket_verifier'
import { ModelRoomAccess } from '#services/rooms/room_access'

/**
 * A chat server on its own loopback port and its own node, built from the
 * real adapters with some dependencies replaced (shorter limits, another
 * database connection, allowed origins)
 */
export async function startCustomChat(
  overrides: Partial<ChatNodeDeps> & { allowedOrigins?: string[] }
) {
  const { allowedOrigins = [], ...nodeOverrides } = overrides
  const httpServer = createServer()
  httpServer.listen(0, '127.0.0.1')
  await once(httpServer, 'listening')
  const address = httpServer.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const node = new ChatNode({
    store: new LucidMessageStore(
      await app.container.make('lucid.db'),
      new MarkdownMessageRenderer()
    ),
    access: new ModelRoomAccess(),
    bus: new MemoryBus(new MemoryHub()),
    logger: await app.container.make('logger'),
    clock: systemClock,
    ...nodeOverrides,
  })
  const chat = createChatServer({
    node,
    tickets: new EncryptionTicketVerifier(
      await app.container.make('encryption'),
      await app.container.make('lucid.db')
    ),
    allowedOrigins,
  })
  chat.attach(httpServer)
  await chat.started
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    httpServer,
    async stop() {
      await chat.close()
      await node.close()
      httpServer.close()
    },
  }
}
