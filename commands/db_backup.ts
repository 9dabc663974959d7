import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import string from '@adonisjs/core/helpers/string'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import DatabaseBackupService from '#services/operations/database_backup_service'

/**
 * Backs the database up into database/dumps/<timestamp>.backup.gz (the
 * app's own format, no pg_dump needed) and returns the file's path
 */
export default class DbBackup extends BaseCommand {
  static commandName = 'db:backup'
  static description =
    'Back the database up into database/dumps/<timestamp>.backup.gz (rows, sequences, migrations)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Database connection to back up (default: the primary one)' })
  declare connection?: string

  @inject()
  async run(backup: DatabaseBackupService) {
    const { default: db } = await import('@adonisjs/lucid/services/db')

    const directory = this.app.makePath('database', 'dumps')
    await mkdir(directory, { recursive: true })
    const file = join(directory, `${new Date().toISOString().replace(/[:.]/g, '-')}.backup.gz`)
    const connection = this.connection ?? db.primaryConnectionName

    /* A spinner on a terminal, plain lines in logs and pipes */
    const outcome: { error?: string } = {}
    const tasks = this.ui.tasks({ verbose: !process.stdout.isTTY })
    tasks.add(`Backing up connection "${connection}"`, async (task) => {
      try {
        const { rows } = await backup.write(connection, file, (table) =>
          task.update(`table ${table}`)
        )
        const total = Object.values(rows).reduce((sum, count) => sum + count, 0)
        const { size } = await stat(file)
        const tables = Object.keys(rows).length
        return `${total} rows of ${tables} tables, ${string.bytes.format(size)} written`
      } catch (error) {
        outcome.error = (error as Error).message
        return task.error('the backup did not finish')
      }
    })
    await tasks.run()
    if (outcome.error) {
      this.logger.error(outcome.error)
      this.exitCode = 1
      return
    }
    this.logger.success(`Backup written to ${file}`)
    return file
  }
}
