import { createServer } from 'node:http'
import { once } from 'node:events'
import app from '@adonisjs/core/services/app'
import { createChatServer, type ChatServerDeps } from '#chat/src/create_chat_server'
import { MemoryBus, MemoryHub } from '#chat/src/memory_bus'
import { systemClock } from '#chat/src/clock'
import { LucidMessageStore } from '#chat/adapters/lucid_message_store'
import { MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'
import { EncryptionTicketVerifier } from '#chat/adapters/encryption_ticket_verifier'

/**
 * A chat server on its own loopback port, built from the real adapters with
 * some dependencies replaced (shorter limits, another database connection)
 */
export async function startCustomChat(overrides: Partial<ChatServerDeps>) {
  const httpServer = createServer()
  httpServer.listen(0, '127.0.0.1')
  await once(httpServer, 'listening')
  const address = httpServer.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const chat = createChatServer({
    store: new LucidMessageStore(
      await app.container.make('lucid.db'),
      new MarkdownMessageRenderer()
    ),
    tickets: new EncryptionTicketVerifier(
      await app.container.make('encryption'),
      await app.container.make('lucid.db')
    ),
    bus: new MemoryBus(new MemoryHub()),
    logger: await app.container.make('logger'),
    clock: systemClock,
    allowedOrigins: [],
    ...overrides,
  })
  chat.attach(httpServer)
  await chat.started
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    httpServer,
    async stop() {
      await chat.close()
      httpServer.close()
    },
  }
}
