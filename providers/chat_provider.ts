import type { ApplicationService } from '@adonisjs/core/types'
import {
  ChatNode,
  createBus,
  createChatServer,
  EncryptionTicketVerifier,
  LucidMessageStore,
  MarkdownMessageRenderer,
  pgConnectionOf,
  PromChatMetrics,
  systemClock,
  type ChatCapacityState,
  type ChatServer,
} from '#chat/index'
import { ModelRoomAccess } from '#services/rooms/room_access'
import { LobbyActivity } from '#services/lobby/lobby_activity'
import { PresenceDirectory } from '#services/people/presence_directory'
import ChatReadiness from '#services/chat/chat_readiness'
import NotificationDispatcher from '#services/notifications/notification_dispatcher'
import { NotifyingMessageStore } from '#services/notifications/notifying_message_store'
import WebhookDispatcher from '#services/webhooks/webhook_dispatcher'
import { ChatReadMarkers } from '#services/rooms/chat_read_markers'
import type chatConfig from '#config/chat'

/**
 * A chat server attached to an HTTP server
 */
type AttachedChat = { close(): Promise<void>; capacity(): ChatCapacityState }

/**
 * This process's chat node, built from the app's services on a bus of the
 * configured driver (`chat.bus`). Its series go into the process's metrics
 * registry (served at /metrics); each new message it stores is handed to
 * the notifications (mentions: Transmit and Web Push) and queued for the
 * room's outgoing webhooks; a socket's `read` frame moves the app's read marker.
 */
async function createChatNode(app: ApplicationService) {
  const config = app.config.get<typeof chatConfig>('chat')
  const logger = await app.container.make('logger')
  const db = await app.container.make('lucid.db')
  const { metricsRegistry } = await import('#services/operations/metrics')
  const notifications = await app.container.make(NotificationDispatcher)
  const webhooks = await app.container.make(WebhookDispatcher)
  const { default: AttachmentFiles } = await import('#services/attachments/attachment_files')
  const files = new AttachmentFiles()
  return new ChatNode({
    store: new NotifyingMessageStore(
      new LucidMessageStore(db, new MarkdownMessageRenderer(), (keys) => files.remove(keys)),
      (entry) => {
        void notifications.dispatch(entry)
        webhooks
          .enqueue(entry)
          .catch((error) =>
            logger.warn({ err: error, room: entry.room }, 'webhook queueing failed')
          )
      },
      (entry) => void notifications.removed(entry)
    ),
    access: new ModelRoomAccess(),
    readMarkers: new ChatReadMarkers(),
    bus: createBus(config.bus, {
      connection: pgConnectionOf(db),
      logger,
      redisUrl: config.redisUrl,
    }),
    logger,
    clock: systemClock,
    metrics: new PromChatMetrics(metricsRegistry),
    limits: config.limits,
  })
}

/**
 * Serves this process's chat node on `httpServer` (at the chat path); used
 * in-process, by the standalone service and by tests
 */
export async function attachChat(
  app: ApplicationService,
  httpServer: Parameters<ChatServer['attach']>[0]
): Promise<AttachedChat> {
  const config = app.config.get<typeof chatConfig>('chat')
  const chat = createChatServer({
    node: await app.container.make(ChatNode),
    tickets: new EncryptionTicketVerifier(
      await app.container.make('encryption'),
      await app.container.make('lucid.db')
    ),
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
    },
  }
}

/**
 * Registers this process's one chat node (store, bus, room hub): the app
 * writes messages and announces deleted rooms through it, the lobby follows
 * its activity, and with CHAT_MODE=inprocess it serves the web server's sockets
 */
export default class ChatProvider {
  #chat: AttachedChat | null = null
  #node: ChatNode | null = null
  #lobby: LobbyActivity | null = null
  #presence: PresenceDirectory | null = null

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(ChatReadiness, () => new ChatReadiness())
    this.app.container.singleton(ChatNode, async () => {
      this.#node = await createChatNode(this.app)
      return this.#node
    })
    this.app.container.singleton(LobbyActivity, async (resolver) => {
      this.#lobby = new LobbyActivity(await resolver.make(ChatNode), await resolver.make('logger'))
      return this.#lobby
    })
    this.app.container.singleton(PresenceDirectory, async (resolver) => {
      this.#presence = new PresenceDirectory(
        await resolver.make(ChatNode),
        await resolver.make('logger')
      )
      return this.#presence
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
    const presence = await this.app.container.make(PresenceDirectory)
    await presence.start()
    if (config.mode !== 'inprocess') {
      return
    }
    const server = await this.app.container.make('server')
    const httpServer = server.getNodeServer()
    if (httpServer) {
      this.#chat = await attachChat(this.app, httpServer)
      /*
       * Terminating hooks run in reverse: this one runs before the HTTP server's
       * own close, which would otherwise wait forever on the upgraded sockets
       */
      this.app.terminating(() => this.#closeChat())
    }
  }

  /**
   * Closes sockets with 1001, then the lobby, the presence directory and
   * the node with its bus
   */
  async shutdown() {
    await this.#closeChat()
    await this.#lobby?.close()
    await this.#presence?.close()
    await this.#node?.close()
  }

  async #closeChat() {
    const chat = this.#chat
    this.#chat = null
    await chat?.close()
  }
}
