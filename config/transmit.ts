import env from '#start/env'
import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@boringnode/bus/transports/redis'
import { redisOptionsFromUrl } from '#helpers/redis_options'

const redisUrl = env.get('REDIS_URL')

/**
 * Server-sent events for the live lobby. With REDIS_URL set, events travel
 * over Redis so clients on any web instance receive them.
 */
export default defineConfig({
  pingInterval: '25s',
  transport: redisUrl ? { driver: redis(redisOptionsFromUrl(redisUrl)) } : null,
})
