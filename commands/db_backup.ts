import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import string from '@adonisjs/core/helpers/string'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import PostgresDumpService from '#services/operations/postgres_dump_service'

/**
 * Dumps the database with pg_dump (custom format) into
 * database/dumps/<timestamp>.dump and returns the file's path
 */
export default class DbBackup extends BaseCommand {
  static commandName = 'db:backup'
  static description =
    'Dump the database into database/dumps/<timestamp>.dump (pg_dump custom format)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Database connection to back up (default: the primary one)' })
  declare connection?: string

  @inject()
  async run(dumps: PostgresDumpService) {
    const { default: db } = await import('@adonisjs/lucid/services/db')

    const directory = this.app.makePath('database', 'dumps')
    await mkdir(directory, { recursive: true })
    const file = join(directory, `${new Date().toISOString().replace(/[:.]/g, '-')}.dump`)
    const connection = this.connection ?? db.primaryConnectionName

    /* A spinner on a terminal, plain lines in logs and pipes */
    const outcome: { error?: string } = {}
    const tasks = this.ui.tasks({ verbose: !process.stdout.isTTY })
    tasks.add(`Dumping connection "${connection}" with pg_dump`, async (task) => {
      try {
        await dumps.dump(connection, file)
      } catch (error) {
        outcome.error = (error as Error).message
        return task.error('pg_dump did not finish')
      }
      const { size } = await stat(file)
      return `${string.bytes.format(size)} written`
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
