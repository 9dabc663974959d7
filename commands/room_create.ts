import { args, BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import { errors as vineErrors } from '@vinejs/vine'

/**
 * Creates one room owned by an existing user, with the same rules as the web form
 */
export default class RoomCreate extends BaseCommand {
  static commandName = 'room:create'
  static description = 'Create a room owned by an existing user'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Room name (1–64 characters, unique)' })
  declare name: string

  @flags.string({ description: 'Username of the owner', required: true })
  declare owner: string

  @flags.string({ description: 'Optional description (≤ 500 characters)' })
  declare description?: string

  @flags.boolean({ description: 'Only members see the room (the owner is the first)' })
  declare private?: boolean

  @inject()
  async run(rooms: RoomService) {
    const { default: User } = await import('#models/user')
    const { createRoomValidator } = await import('#validators/room')
    const owner = await User.findByUsername(this.owner)
    if (!owner) {
      this.logger.error(`Unknown user "${this.owner}"`)
      this.exitCode = 1
      return
    }
    try {
      const payload = await createRoomValidator.validate(
        {
          name: this.name,
          description: this.description,
          visibility: this.private ? 'private' : 'public',
        },
        { meta: { ownerId: owner.id } }
      )
      const room = await rooms.create(owner, payload)
      this.logger.success(
        `Created ${room.visibility} room "${room.name}" (id ${room.id}) owned by ${owner.username}`
      )
    } catch (error) {
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        for (const message of error.messages) {
          this.logger.error(`${message.field}: ${message.message}`)
        }
        this.exitCode = 1
        return
      }
      throw error
    }
  }
}
