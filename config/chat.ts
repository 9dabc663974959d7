import env from '#start/env'
import { DEFAULT_LIMITS, type BusDriver } from '#chat/index'

const mode = env.get('CHAT_MODE', 'inprocess')
const publicUrl = env.get('CHAT_PUBLIC_URL')
const redisUrl = env.get('REDIS_URL')
const sharedBus: BusDriver = redisUrl ? 'redis' : 'postgres'
const bus: BusDriver =
  env.get('CHAT_BUS') ?? (mode === 'inprocess' && !redisUrl ? 'memory' : sharedBus)
const standaloneBus: BusDriver = env.get('CHAT_BUS') ?? sharedBus
if ((bus === 'redis' || standaloneBus === 'redis') && !redisUrl) {
  throw new Error('CHAT_BUS=redis needs REDIS_URL (e.g. redis://127.0.0.1:6379)')
}
if (mode === 'external' && !publicUrl) {
  throw new Error('CHAT_MODE=external needs CHAT_PUBLIC_URL (the ws:// URL browsers connect to)')
}

/**
 * The WebSocket chat: where it runs, who may connect, how its nodes talk
 */
const chatConfig = {
  /** inprocess: attached to this web server; external: the standalone chat service */
  mode,
  /** Path of the WebSocket endpoint on whichever server hosts it */
  path: '/ws',
  /** ws(s) URL browsers use in external mode */
  publicUrl,
  /** Origins browsers may open sockets from */
  allowedOrigins: (env.get('CHAT_ALLOWED_ORIGINS') ?? new URL(env.get('APP_URL')).origin)
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
  /** Bus of the web app and of an in-process chat */
  bus,
  /** Redis server of the redis bus */
  redisUrl,
  /** Where this web server, and so an in-process chat, listens */
  web: { host: env.get('HOST'), port: env.get('PORT') },
  /** The standalone chat service */
  standalone: {
    /** This deployment runs one (CHAT_HOST or CHAT_PORT is set) */
    deployed: Boolean(env.get('CHAT_HOST') || env.get('CHAT_PORT')),
    bus: standaloneBus,
    host: env.get('CHAT_HOST', '0.0.0.0'),
    port: env.get('CHAT_PORT', 3335),
  },
  /** Bounds of the chat server; the socket caps come from the environment */
  limits: {
    ...DEFAULT_LIMITS,
    maxSockets: env.get('CHAT_MAX_SOCKETS', DEFAULT_LIMITS.maxSockets),
    maxSocketsPerUser: env.get('CHAT_MAX_SOCKETS_PER_USER', DEFAULT_LIMITS.maxSocketsPerUser),
  },
}

export default chatConfig
