import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import InstanceAdminsService from '#services/moderation/instance_admins_service'

/**
 * Makes an account instance admin (or, with --revoke, no longer one) from the shell
 */
export default class UserAdmin extends BaseCommand {
  static commandName = 'user:admin'
  static description = 'Make an account instance admin (--revoke: no longer admin)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Username of the account' })
  declare username: string

  @flags.boolean({ description: 'Take the admin role away instead' })
  declare revoke: boolean

  @inject()
  async run(admins: InstanceAdminsService) {
    const user = await admins.setAdmin(this.username, !this.revoke)
    if (!user) {
      this.logger.error(`No account is named "${this.username}"`)
      this.exitCode = 1
      return
    }
    this.logger.success(
      this.revoke ? `${user.username} is no longer an admin` : `${user.username} is now an admin`
    )
    if (this.revoke && (await admins.count()) === 0) {
      this.logger.warning('The instance has no admin now: name one with node ace user:admin NAME')
    }
  }
}
