import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@boringnode/bus/transports/redis'
import { redisOptionsFromUrl } from '#helpers/redis_options'
import { postgresTransport } from '#services/transmit/postgres_transport'
import chatConfig from '#config/chat'

const redisUrl = env.get('REDIS_URL')

/**
 * Whether this process shares its events with others over PostgreSQL: its chat talks on
 * the PostgreSQL bus (a web app with CHAT_MODE=external, a standalone chat process, a
 * replica), so the processes that store messages and those holding the browsers' event
 * streams may differ
 */
const sharedOverPostgres =
  chatConfig.bus === 'postgres' ||
  (chatConfig.standalone.deployed && chatConfig.standalone.bus === 'postgres')

/**
 * Server-sent events for the live lobby and each user's own events. With REDIS_URL set,
 * events travel over Redis so clients on any instance receive them; without it, over
 * PostgreSQL when the chat's processes talk there; a single process needs neither.
 */
export default defineConfig({
  pingInterval: '25s',
  transport: redisUrl
    ? { driver: redis(redisOptionsFromUrl(redisUrl)) }
    : sharedOverPostgres
      ? {
          driver: postgresTransport(async () => ({
            db: await app.container.make('lucid.db'),
            logger: await app.container.make('logger'),
          })),
        }
      : null,
})
