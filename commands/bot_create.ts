import { randomBytes } from 'node:crypto'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Creates a bot account (no password sign-in) and prints an API token for it
 */
export default class BotCreate extends BaseCommand {
  static commandName = 'bot:create'
  static description = 'Create a bot account and print an API token for it'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Username of the bot (letters, digits, _ and -, 3–32)' })
  declare username: string

  @flags.string({ description: 'Name shown for it (default: the username)' })
  declare displayName?: string

  async run() {
    const { default: User } = await import('#models/user')
    if (!/^[a-zA-Z0-9_-]{3,32}$/.test(this.username)) {
      return this.#fail('The username must be 3 to 32 letters, digits, _ or -')
    }
    if (await User.findByUsername(this.username)) {
      return this.#fail(`An account is already named "${this.username}"`)
    }
    const displayName = this.displayName?.trim().slice(0, 64) || null
    const bot = await User.create({
      username: this.username,
      displayName,
      password: randomBytes(32).toString('base64url'),
      isBot: true,
    })
    const token = await User.accessTokens.create(bot, ['*'], { name: 'bot' })
    this.logger.success(`Bot ${bot.username} created (id ${bot.id})`)
    this.logger.log(`API token (shown once): ${token.value!.release()}`)
  }

  #fail(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }
}
