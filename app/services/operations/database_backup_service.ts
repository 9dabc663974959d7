import { rename, rm } from 'node:fs/promises'
import { to as copyTo } from 'pg-copy-streams'
import { inject } from '@adonisjs/core'
import { Database } from '@adonisjs/lucid/database'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import BackupRefusedException from '#exceptions/backup_refused_exception'
import {
  quoteIdentifier,
  readCatalog,
  type CatalogTable,
} from '#services/operations/backup_catalog'
import { backupConnection, transactionPgClient } from '#services/operations/backup_connection'
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupWriter,
  type BackupTable,
} from '#services/operations/backup_file'
import { bookkeepingTables } from '#services/operations/transaction_migrations'

/**
 * What a backup wrote: rows per table, in the order they were written
 */
type BackupSummary = { rows: Record<string, number> }

/**
 * Writes a logical backup of a PostgreSQL connection's database through the
 * `pg` driver alone (no pg_dump, so any server version works): one
 * repeatable-read, read-only transaction takes a consistent snapshot of the
 * applied migrations, each table's rows (COPY … TO STDOUT) and its sequences.
 */
@inject()
export default class DatabaseBackupService {
  constructor(protected db: Database) {}

  /**
   * Writes the backup to file, which must not exist; a failed backup
   * leaves no file behind. `onTable` hears of each table as it starts.
   */
  async write(
    connectionName: string,
    file: string,
    onTable: (table: string) => void = () => {}
  ): Promise<BackupSummary> {
    const { client, config } = backupConnection(this.db, connectionName)
    const partial = `${file}.partial`
    const trx = await client.transaction({ isolationLevel: 'repeatable read' })
    let writer: BackupWriter | undefined
    try {
      await trx.rawQuery('SET TRANSACTION READ ONLY')
      const bookkeeping = bookkeepingTables(config)
      const migrations = await this.appliedMigrations(trx, bookkeeping[0])
      const tables = []
      for (const table of await readCatalog(trx, bookkeeping)) {
        tables.push(await this.describe(trx, table))
      }

      writer = new BackupWriter(partial)
      await writer.header({
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        migrations,
        tables,
      })
      const pgClient = await transactionPgClient(trx)
      const rows: Record<string, number> = {}
      for (const table of tables) {
        onTable(table.name)
        const columns = table.columns.map(quoteIdentifier).join(', ')
        rows[table.name] = await writer.table(
          pgClient.query(copyTo(`COPY ${quoteIdentifier(table.name)} (${columns}) TO STDOUT`))
        )
      }
      await writer.finish(rows)
      await rename(partial, file)
      return { rows }
    } catch (error) {
      await writer?.abort()
      await rm(partial, { force: true })
      throw error
    } finally {
      await trx.rollback()
    }
  }

  /**
   * Names of the applied migrations, oldest first; a database never
   * migrated has nothing of the app's to back up
   */
  private async appliedMigrations(trx: TransactionClientContract, table: string) {
    if (!(await trx.schema.hasTable(table))) {
      throw new BackupRefusedException(
        'The database has no migrations applied (no adonis_schema table): there is nothing to back up'
      )
    }
    const rows = await trx.from(table).orderBy('id').select('name')
    return rows.map((row: { name: string }) => row.name)
  }

  /**
   * The table with the state of the sequences numbering its columns
   */
  private async describe(
    trx: TransactionClientContract,
    table: CatalogTable
  ): Promise<BackupTable> {
    const sequences = []
    for (const column of table.sequenceColumns) {
      const { rows } = await trx.rawQuery(`SELECT pg_get_serial_sequence(?, ?) AS name`, [
        quoteIdentifier(table.name),
        column,
      ])
      const state = await trx.rawQuery(
        `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${rows[0].name}`
      )
      sequences.push({
        column,
        lastValue: Number(state.rows[0].lastValue),
        isCalled: state.rows[0].isCalled,
      })
    }
    return { name: table.name, columns: table.columns, sequences }
  }
}
