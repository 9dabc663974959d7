import type pg from 'pg'
import { MemoryBus } from './memory_bus.js'
import { PostgresBus } from './postgres_bus.js'
import { RedisBus } from './redis_bus.js'
import type { Bus } from './bus.js'
import type { Logger } from './logger.js'

/**
 * Bus transports, as named by CHAT_BUS
 */
export type BusDriver = 'memory' | 'postgres' | 'redis'

/**
 * A new bus node of the named transport; `connection` is used by `postgres`,
 * `redisUrl` by `redis`
 */
export function createBus(
  driver: BusDriver,
  options: { connection: pg.ClientConfig; logger: Logger; redisUrl?: string }
): Bus {
  if (driver === 'postgres') {
    return new PostgresBus(options)
  }
  if (driver === 'redis') {
    if (!options.redisUrl) {
      throw new Error('The redis chat bus needs REDIS_URL')
    }
    return new RedisBus({ url: options.redisUrl, logger: options.logger })
  }
  return new MemoryBus()
}
