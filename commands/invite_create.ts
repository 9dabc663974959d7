import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import string from '@adonisjs/core/helpers/string'
import { DateTime } from 'luxon'
import { appUrl } from '#config/app'
import InviteService from '#services/invites/invite_service'

/**
 * Creates an instance invite link from the shell (there is no admin page yet)
 */
export default class InviteCreate extends BaseCommand {
  static commandName = 'invite:create'
  static description = 'Create an invite link to sign up (and optionally join a room)'
  static options: CommandOptions = { startApp: true }

  @flags.string({
    description: 'Name of the room the invitee joins (--room-id if several share it)',
  })
  declare room?: string

  @flags.number({ description: 'Id of the room the invitee joins' })
  declare roomId?: number

  @flags.number({ description: 'How many people can use it (1–1000)', default: 1 })
  declare uses: number

  @flags.string({ description: 'How long it works, e.g. 7d, 12h (at most 365d)', default: '7d' })
  declare expires: string

  @inject()
  async run(invites: InviteService) {
    const { default: Room } = await import('#models/room')
    if (!Number.isInteger(this.uses) || this.uses < 1 || this.uses > 1000) {
      return this.#fail('--uses must be a whole number from 1 to 1000')
    }
    const ms = this.#duration()
    if (ms === null) {
      return this.#fail('--expires must be a duration such as 7d or 12h, at most 365d')
    }
    let room = null
    if (this.roomId !== undefined) {
      room = await Room.find(this.roomId)
      if (!room) return this.#fail(`No room has id ${this.roomId}`)
    } else if (this.room !== undefined) {
      const named = await Room.query().whereRaw('lower(name) = lower(?)', [this.room]).limit(2)
      if (named.length === 0) return this.#fail(`No room is named "${this.room}"`)
      if (named.length > 1) {
        return this.#fail(`Several rooms are named "${this.room}": pick one with --room-id`)
      }
      room = named[0]
    }
    const { invite, token } = await invites.create({
      creator: null,
      room,
      maxUses: this.uses,
      expiresAt: DateTime.now().plus({ milliseconds: ms }),
    })
    this.logger.success(
      `Invite #${invite.id}${room ? ` to "${room.name}"` : ''}: ${this.uses} use(s) until ${invite.expiresAt.toISO()}`
    )
    this.logger.log(new URL(`/invite/${token}`, appUrl).href)
  }

  /**
   * The --expires duration in milliseconds, or null when invalid or too long
   */
  #duration() {
    if (!/^\d+\s*(m|min|h|d|w)$/.test(this.expires.trim())) return null
    const ms = string.milliseconds.parse(this.expires.trim())
    return ms > 0 && ms <= 365 * 24 * 3600 * 1000 ? ms : null
  }

  #fail(message: string) {
    this.logger.error(message)
    this.exitCode = 1
  }
}
