import { access } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import { args, BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import DatabaseRestoreService from '#services/operations/database_restore_service'

/**
 * Restores a db:backup file in one transaction. Refuses a database that
 * has rows unless --replace.
 */
export default class DbRestore extends BaseCommand {
  static commandName = 'db:restore'
  static description =
    'Restore a db:backup file into an empty database (--replace: into one with rows, replacing them)'
  static options: CommandOptions = { startApp: true }

  @args.string({
    description: 'Backup file, e.g. database/dumps/2026-01-31T12-00-00-000Z.backup.gz',
  })
  declare file: string

  @flags.string({ description: 'Database connection to restore into (default: the primary one)' })
  declare connection?: string

  @flags.boolean({ description: 'Replace the rows of a database that is not empty' })
  declare replace: boolean

  @inject()
  async run(restorer: DatabaseRestoreService) {
    const file = isAbsolute(this.file) ? this.file : this.app.makePath(this.file)
    const found = await access(file).then(
      () => true,
      () => false
    )
    if (!found) {
      this.logger.error(`Backup file not found: ${file}`)
      this.exitCode = 1
      return
    }

    const { default: db } = await import('@adonisjs/lucid/services/db')
    const connection = this.connection ?? db.primaryConnectionName

    /* A spinner on a terminal, plain lines in logs and pipes */
    const outcome: { error?: string } = {}
    const tasks = this.ui.tasks({ verbose: !process.stdout.isTTY })
    tasks.add(`Restoring connection "${connection}"`, async (task) => {
      try {
        const { rows, upgradedWith } = await restorer.restore(connection, file, {
          replace: this.replace,
          onTable: (table) => task.update(`table ${table}`),
        })
        const total = Object.values(rows).reduce((sum, count) => sum + count, 0)
        const upgrade = upgradedWith.length
          ? `, then ${upgradedWith.length} newer migration(s)`
          : ''
        return `${total} rows restored in one transaction${upgrade}`
      } catch (error) {
        outcome.error = (error as Error).message
        return task.error('the restore did not finish; the database is unchanged')
      }
    })
    await tasks.run()
    if (outcome.error) {
      this.logger.error(outcome.error)
      this.exitCode = 1
      return
    }
    this.logger.success(`Restored ${file}`)
  }
}
