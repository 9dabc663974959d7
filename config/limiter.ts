import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'

/**
 * New accounts allowed per client IP and hour (REGISTRATIONS_PER_HOUR, default 30:
 * a classroom behind one address signs up together)
 */
export const registrationsPerHour = env.get('REGISTRATIONS_PER_HOUR', 30)

/**
 * Rate-limit counters: in PostgreSQL so every process shares them, or in
 * memory for a single process
 */
const limiterConfig = defineConfig({
  default: env.get('LIMITER_STORE'),
  stores: {
    database: stores.database({ tableName: 'rate_limits' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
