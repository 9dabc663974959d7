/*
|--------------------------------------------------------------------------
| The chat module's one door
|--------------------------------------------------------------------------
|
| The web app (app/, providers/, commands/, start/, config/, database/)
| imports the chat only from here (ESLint no-restricted-imports): the
| process's ChatNode and its WebSocket server, the adapters the provider
| wires them with, and the types the app shares with the protocol.
|
*/

export { ChatNode, type ActivityListener, type ChatNodeDeps } from './src/chat_node.js'
export { createChatServer, type ChatServer } from './src/create_chat_server.js'
export { createBus, type BusDriver } from './src/create_bus.js'
export type { ActivityEvent, RoomActivity, PresenceEvent } from './src/bus.js'
export { DEFAULT_LIMITS } from './src/limits.js'
export type { ChatCapacityState } from './src/socket_capacity.js'
export { systemClock, type Clock } from './src/clock.js'
export type { Logger } from './src/logger.js'
export type { ChatUser } from './src/ticket_verifier.js'
export type { RoomAccess, RoomHead } from './src/room_access.js'
export type { ReadMark, ReadMarkers } from './src/read_markers.js'
export { MutedError } from './src/room_mutes.js'
export { RoomArchivedError } from './src/room_archives.js'
export { appendRoomEntry } from './adapters/lucid_room_entries.js'
export {
  CHANGE_REFUSALS,
  type Attachment,
  type ChangeRefusal,
  type AppendResult,
  type ChangeResult,
  type MessageStore,
  type NewMessage,
  type StoredMessage,
  type RoomSettingKind,
  type ReactionSummary,
  type NewReply,
  type ReplyOf,
  type ThreadSummary,
  REACTION_LIMITS,
  ROOM_SETTING_KINDS,
  HISTORY_KINDS,
} from './src/message_store.js'
export { parentsOf, threadsOf } from './adapters/lucid_message_replies.js'
export { ChatClient, UpgradeRefused, type Frame } from './client/chat_client.js'
export { LucidMessageStore } from './adapters/lucid_message_store.js'
export { reactionsOf } from './adapters/lucid_message_reactions.js'
export { EMOJI_PATTERN } from './src/client_frames.js'
export { MarkdownMessageRenderer } from './adapters/markdown_message_renderer.js'
export {
  EncryptionTicketVerifier,
  CHAT_TICKET_PURPOSE,
  CHAT_TICKET_TTL_SECONDS,
  type ChatTicketPayload,
} from './adapters/encryption_ticket_verifier.js'
export { pgConnectionOf } from './adapters/lucid_pg_connection.js'
export { runPrepared } from './adapters/lucid_prepared_query.js'
export { PromChatMetrics } from './adapters/prom_chat_metrics.js'
