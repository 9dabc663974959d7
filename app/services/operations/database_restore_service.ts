import { pipeline } from 'node:stream/promises'
import { from as copyFrom } from 'pg-copy-streams'
import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import { Database } from '@adonisjs/lucid/database'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import BackupRefusedException from '#exceptions/backup_refused_exception'
import { quoteIdentifier, readCatalog } from '#services/operations/backup_catalog'
import { backupConnection, transactionPgClient } from '#services/operations/backup_connection'
import { BackupReader, type BackupHeader } from '#services/operations/backup_file'
import {
  bookkeepingTables,
  TransactionMigrations,
} from '#services/operations/transaction_migrations'

/**
 * What a restore did: rows per table, and the migrations it applied after
 * loading a backup of an older schema
 */
type RestoreSummary = { rows: Record<string, number>; upgradedWith: string[] }

/**
 * Restores a db:backup file into a PostgreSQL connection's database in one
 * transaction: on any error the database is left exactly as it was.
 * The schema comes from the app's own migrations, brought to the backup's
 * migrations; rows are loaded with COPY … FROM STDIN in foreign-key order
 * (foreign keys checked, the app's own triggers off);
 * sequences get their backed-up state; then the app's newer migrations run,
 * so a backup of an older version is upgraded like a live database.
 */
@inject()
export default class DatabaseRestoreService {
  constructor(protected db: Database) {}

  /**
   * Checks the whole file first; refuses a database with rows unless
   * `replace`, and a backup with migrations this app does not have
   */
  async restore(
    connectionName: string,
    file: string,
    options: { replace: boolean; onTable?: (table: string) => void }
  ): Promise<RestoreSummary> {
    const { client, config } = backupConnection(this.db, connectionName)
    const reader = new BackupReader(file)
    const { header, rows } = await reader.verify()

    const trx = await client.transaction()
    try {
      const migrations = await TransactionMigrations.load(app, config, trx)
      this.refuseUnknownMigrations(header, migrations.available)
      const applied = await migrations.applied()
      await this.emptyOrRefuse(trx, connectionName, bookkeepingTables(config), options.replace)

      await migrations.down(applied.filter((name) => !header.migrations.includes(name)))
      await migrations.up(header.migrations.filter((name) => !applied.includes(name)))
      await this.refuseOtherColumns(trx, header, bookkeepingTables(config))

      const pgClient = await transactionPgClient(trx)
      for await (const { table, rows: lines } of reader.tables(header)) {
        options.onTable?.(table.name)
        const columns = table.columns.map(quoteIdentifier).join(', ')
        // The rows come back as they were: the app's triggers (which derive state such as
        // rooms.roster_version from changes) stay off, the foreign-key checks stay on
        await trx.rawQuery(`ALTER TABLE ${quoteIdentifier(table.name)} DISABLE TRIGGER USER`)
        await pipeline(
          lines,
          pgClient.query(copyFrom(`COPY ${quoteIdentifier(table.name)} (${columns}) FROM STDIN`))
        )
        await trx.rawQuery(`ALTER TABLE ${quoteIdentifier(table.name)} ENABLE TRIGGER USER`)
        for (const sequence of table.sequences) {
          await trx.rawQuery('SELECT setval(pg_get_serial_sequence(?, ?), ?, ?)', [
            quoteIdentifier(table.name),
            sequence.column,
            sequence.lastValue,
            sequence.isCalled,
          ])
        }
      }

      const newer = migrations.available.filter((name) => !header.migrations.includes(name))
      await migrations.up(newer)
      await trx.commit()
      return { rows, upgradedWith: newer }
    } catch (error) {
      await trx.rollback()
      throw error
    }
  }

  /**
   * A backup made by a newer version of the app has a schema this one
   * cannot build
   */
  private refuseUnknownMigrations(header: BackupHeader, available: string[]) {
    const unknown = header.migrations.filter((name) => !available.includes(name))
    if (unknown.length > 0) {
      throw new BackupRefusedException(
        `The backup was made by a newer version of Roomchat: this version lacks its migration(s) ${unknown.join(', ')}. Upgrade the app, then restore.`
      )
    }
  }

  /**
   * Empties the app's tables (the schema itself is rebuilt by migrations)
   * when `replace`; refuses otherwise if any of them has a row
   */
  private async emptyOrRefuse(
    trx: TransactionClientContract,
    connectionName: string,
    bookkeeping: string[],
    replace: boolean
  ) {
    const tables = await readCatalog(trx, bookkeeping)
    const filled = []
    for (const { name } of tables) {
      const { rows } = await trx.rawQuery(
        `SELECT EXISTS (SELECT 1 FROM ${quoteIdentifier(name)}) AS filled`
      )
      if (rows[0].filled) filled.push(name)
    }
    if (filled.length === 0) return
    if (!replace) {
      throw new BackupRefusedException(
        `The database of connection "${connectionName}" is not empty (rows in ${filled.join(', ')}): restore into an empty database, or pass --replace to replace its contents`
      )
    }
    await trx.rawQuery(`TRUNCATE ${tables.map((table) => quoteIdentifier(table.name)).join(', ')}`)
  }

  /**
   * Once migrated like the backup's database, each table must hold the
   * backup's columns: a difference means the schema was changed by hand
   */
  private async refuseOtherColumns(
    trx: TransactionClientContract,
    header: BackupHeader,
    bookkeeping: string[]
  ) {
    const tables = await readCatalog(trx, bookkeeping)
    const columns = new Map(tables.map((table) => [table.name, [...table.columns].sort()]))
    for (const table of header.tables) {
      const found = columns.get(table.name)
      const expected = [...table.columns].sort()
      if (found?.join(',') !== expected.join(',')) {
        throw new BackupRefusedException(
          `Table "${table.name}" does not match the backup after its migrations: backup columns ${expected.join(', ')}; database columns ${found?.join(', ') ?? '(no table)'}`
        )
      }
    }
  }
}
