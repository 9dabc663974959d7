import { access } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import { args, BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import PostgresDumpService from '#services/operations/postgres_dump_service'

/**
 * Restores a db:backup dump with pg_restore --clean --if-exists, in one
 * transaction. Asks first in production unless --force.
 */
export default class DbRestore extends BaseCommand {
  static commandName = 'db:restore'
  static description =
    'Restore a db:backup dump (pg_restore --clean --if-exists), replacing its objects'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Dump file, e.g. database/dumps/2026-01-31T12-00-00-000Z.dump' })
  declare file: string

  @flags.string({ description: 'Database connection to restore into (default: the primary one)' })
  declare connection?: string

  @flags.boolean({ description: 'Restore in production without asking' })
  declare force: boolean

  @inject()
  async run(dumps: PostgresDumpService) {
    const file = isAbsolute(this.file) ? this.file : this.app.makePath(this.file)
    const found = await access(file).then(
      () => true,
      () => false
    )
    if (!found) {
      this.logger.error(`Dump file not found: ${file}`)
      this.exitCode = 1
      return
    }

    if (this.app.inProduction && !this.force) {
      const confirmed = await this.prompt.confirm(
        `Replace the production database's contents with ${file}?`
      )
      if (!confirmed) {
        this.logger.info('Restore cancelled')
        return
      }
    }

    const { default: db } = await import('@adonisjs/lucid/services/db')
    const connection = this.connection ?? db.primaryConnectionName

    /* A spinner on a terminal, plain lines in logs and pipes */
    const outcome: { error?: string } = {}
    const tasks = this.ui.tasks({ verbose: !process.stdout.isTTY })
    tasks.add(`Restoring connection "${connection}" with pg_restore`, async (task) => {
      try {
        await dumps.restore(connection, file)
      } catch (error) {
        outcome.error = (error as Error).message
        return task.error('pg_restore did not finish; the database is unchanged')
      }
      return 'restored in one transaction'
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
