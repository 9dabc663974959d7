import type pg from 'pg'
import type { Database } from '@adonisjs/lucid/database'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import BackupRefusedException from '#exceptions/backup_refused_exception'

/**
 * The Lucid connection a backup or restore works on, and its configuration;
 * refuses unknown and non-PostgreSQL connections
 */
export function backupConnection(db: Database, name: string) {
  const node = db.getRawConnection(name)
  if (!node) {
    throw new BackupRefusedException(`Unknown database connection "${name}"`)
  }
  if (!['pg', 'postgres', 'postgresql'].includes(node.config.client)) {
    throw new BackupRefusedException(`Connection "${name}" is not PostgreSQL`)
  }
  return { client: db.connection(name), config: node.config }
}

/**
 * The `pg` client a Lucid transaction runs on, for COPY streams inside it
 */
export async function transactionPgClient(trx: TransactionClientContract): Promise<pg.Client> {
  return trx.knexClient.client.acquireConnection()
}
