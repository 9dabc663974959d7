import { sourceFiles } from '@adonisjs/lucid/utils'
import type { BaseSchema } from '@adonisjs/lucid/schema'
import type { ApplicationService } from '@adonisjs/core/types'
import type {
  ConnectionConfig,
  FileNode,
  TransactionClientContract,
} from '@adonisjs/lucid/types/database'

/**
 * Runs the app's migration files up or down inside one transaction (unlike
 * `migration:run`, which commits each file on its own), recording them in
 * Lucid's bookkeeping tables exactly as `migration:run` does, so a restore
 * commits its schema changes and its rows together or not at all
 */
export class TransactionMigrations {
  private constructor(
    private readonly trx: TransactionClientContract,
    private readonly files: Map<string, FileNode<unknown>>,
    private readonly tableName: string
  ) {}

  /**
   * The migration files of the connection's configured paths (Lucid's
   * default `database/migrations` otherwise), in the order Lucid runs them
   */
  static async load(
    app: ApplicationService,
    config: ConnectionConfig,
    trx: TransactionClientContract
  ) {
    const settings = config.migrations ?? {}
    const paths = settings.paths?.length ? settings.paths : ['./database/migrations']
    const files = new Map<string, FileNode<unknown>>()
    for (const path of paths) {
      const source = await sourceFiles(app.appRoot, path, settings.naturalSort ?? false)
      for (const file of source.files) files.set(file.name, file)
    }
    return new TransactionMigrations(trx, files, bookkeepingTables(config)[0])
  }

  /**
   * Names of every migration file of the app, in order
   */
  get available() {
    return [...this.files.keys()]
  }

  /**
   * Names of the migrations applied to the database, oldest first (none
   * when the bookkeeping tables do not exist yet, which it then creates)
   */
  async applied(): Promise<string[]> {
    if (!(await this.trx.schema.hasTable(this.tableName))) {
      await this.createBookkeeping()
      return []
    }
    const rows = await this.trx.from(this.tableName).orderBy('id').select('name')
    return rows.map((row: { name: string }) => row.name)
  }

  /**
   * Applies the named migrations, in the app's order, as one new batch
   */
  async up(names: string[]) {
    const [{ batch }] = await this.trx.from(this.tableName).max('batch as batch')
    for (const name of this.available.filter((file) => names.includes(file))) {
      const schema = await this.schemaOf(name)
      await schema.execUp()
      await this.trx.table(this.tableName).insert({ name, batch: Number(batch ?? 0) + 1 })
    }
  }

  /**
   * Rolls back the named migrations, newest first
   */
  async down(names: string[]) {
    for (const name of [...names].reverse()) {
      const schema = await this.schemaOf(name)
      await schema.execDown()
      await this.trx.from(this.tableName).where('name', name).delete()
    }
  }

  private async schemaOf(name: string) {
    const file = this.files.get(name)
    if (!file) throw new Error(`Migration file "${name}" is missing`)
    const Schema = (await file.getSource()) as typeof BaseSchema
    return new Schema(this.trx, name, false)
  }

  /**
   * Lucid's `adonis_schema` and `adonis_schema_versions` (at version 2, the
   * version of its slash-separated names), as `migration:run` creates them
   */
  private async createBookkeeping() {
    await this.trx.schema.createTable(this.tableName, (table) => {
      table.increments().notNullable()
      table.string('name').notNullable()
      table.integer('batch').notNullable()
      table.timestamp('migration_time').defaultTo(this.trx.getWriteClient().fn.now())
    })
    await this.trx.schema.createTable(`${this.tableName}_versions`, (table) => {
      table.integer('version').unsigned().primary()
    })
    await this.trx.table(`${this.tableName}_versions`).insert({ version: 2 })
  }
}

/**
 * Lucid's bookkeeping tables of the connection: `adonis_schema` (or the
 * configured name) and its `_versions` table
 */
export function bookkeepingTables(config: ConnectionConfig) {
  const name = config.migrations?.tableName ?? 'adonis_schema'
  return [name, `${name}_versions`]
}
