import type { ApplicationService } from '@adonisjs/core/types'
import { createChatServer, type ChatServer } from '#chat/src/create_chat_server'
import { createBus, type BusDriver } from '#chat/src/create_bus'
import { ChatPublisher } from '#chat/src/chat_publisher'
import { systemClock } from '#chat/src/clock'
import { LucidMessageStore } from '#chat/adapters/lucid_message_store'
import { MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'
import { EncryptionTicketVerifier } from '#chat/adapters/encryption_ticket_verifier'
import { pgConnectionOf } from '#chat/adapters/lucid_pg_connection'
import { PromChatMetrics } from '#chat/adapters/prom_chat_metrics'
import { LobbyActivity } from '#services/lobby/lobby_activity'
import ChatReadiness from '#services/chat/chat_readiness'
import type { ChatCapacityState } from '#chat/src/socket_capacity'
import type chatConfig from '#config/chat'

/**
 * A chat server attached to an HTTP server, with the bus it owns
 */
export type AttachedChat = { close(): Promise<void>; capacity(): ChatCapacityState }

/**
 * Builds the chat from the app's services and attaches it to `httpServer`;
 * used in-process, by the standalone service and by tests. Its series go
 * into the process's metrics registry (served at /metrics).
 */
export async function attachChat(
  app: ApplicationService,
  httpServer: Parameters<ChatServer['attach']>[0],
  options: { bus: BusDriver }
): Promise<AttachedChat> {
  const config = app.config.get<typeof chatConfig>('chat')
  const logger = await app.container.make('logger')
  const db = await app.container.make('lucid.db')
  const encryption = await app.container.make('encryption')
  const { metricsRegistry } = await import('#services/operations/metrics')
  const bus = createBus(options.bus, {
    connection: pgConnectionOf(db),
    logger,
    redisUrl: config.redisUrl,
  })
  const chat = createChatServer({
    store: new LucidMessageStore(db, new MarkdownMessageRenderer()),
    tickets: new EncryptionTicketVerifier(encryption, db),
    bus,
    logger,
    clock: systemClock,
    metrics: new PromChatMetrics(metricsRegistry),
    limits: config.limits,
    allowedOrigins: config.allowedOrigins,
  })
  chat.attach(httpServer, { path: config.path })
  await chat.started
  const readiness = await app.container.make(ChatReadiness)
  const untrack = readiness.track(chat)
  return {
    capacity: () => chat.capacity(),
    async close() {
      untrack()
      await chat.close()
      await bus.disconnect()
    },
  }
}

/**
 * Runs the chat inside the web server (CHAT_MODE=inprocess) and gives the
 * app a ChatPublisher to post messages and announce deleted rooms
 */
export default class ChatProvider {
  #chat: AttachedChat | null = null
  #publisher: ChatPublisher | null = null
  #lobby: LobbyActivity | null = null

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(ChatReadiness, () => new ChatReadiness())
    this.app.container.singleton(ChatPublisher, async (resolver) => {
      const config = this.app.config.get<typeof chatConfig>('chat')
      const logger = await resolver.make('logger')
      const db = await resolver.make('lucid.db')
      const bus = createBus(config.bus, {
        connection: pgConnectionOf(db),
        logger,
        redisUrl: config.redisUrl,
      })
      this.#publisher = new ChatPublisher(
        new LucidMessageStore(db, new MarkdownMessageRenderer()),
        bus,
        logger
      )
      return this.#publisher
    })
    this.app.container.singleton(LobbyActivity, async (resolver) => {
      const config = this.app.config.get<typeof chatConfig>('chat')
      const logger = await resolver.make('logger')
      const db = await resolver.make('lucid.db')
      const bus = createBus(config.bus, {
        connection: pgConnectionOf(db),
        logger,
        redisUrl: config.redisUrl,
      })
      this.#lobby = new LobbyActivity(bus, logger)
      return this.#lobby
    })
  }

  /**
   * The HTTP server exists only now (after `start`), and only in the web
   * environment
   */
  async ready() {
    const config = this.app.config.get<typeof chatConfig>('chat')
    if (this.app.getEnvironment() !== 'web') {
      return
    }
    const lobby = await this.app.container.make(LobbyActivity)
    await lobby.start()
    if (config.mode !== 'inprocess') {
      return
    }
    const server = await this.app.container.make('server')
    const httpServer = server.getNodeServer()
    if (httpServer) {
      this.#chat = await attachChat(this.app, httpServer, { bus: config.bus })
      /*
       * Terminating hooks run in reverse: this one runs before the HTTP server's
       * own close, which would otherwise wait forever on the upgraded sockets
       */
      this.app.terminating(() => this.#closeChat())
    }
  }

  /**
   * Closes sockets with 1001, then the buses
   */
  async shutdown() {
    await this.#closeChat()
    await this.#publisher?.close()
    await this.#lobby?.close()
  }

  async #closeChat() {
    const chat = this.#chat
    this.#chat = null
    await chat?.close()
  }
}
