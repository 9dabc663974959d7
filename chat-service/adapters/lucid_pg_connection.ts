import type pg from 'pg'
import type { Database } from '@adonisjs/lucid/database'

/**
 * The pg client settings of Lucid's primary connection, so the postgres bus
 * talks to the same database as the message store
 */
export function pgConnectionOf(db: Database): pg.ClientConfig {
  const node = db.getRawConnection(db.primaryConnectionName)
  const connection = (node?.config as { connection?: string | pg.ClientConfig } | undefined)
    ?.connection
  if (!connection) {
    throw new Error(`Database connection "${db.primaryConnectionName}" has no settings`)
  }
  return typeof connection === 'string' ? { connectionString: connection } : { ...connection }
}
