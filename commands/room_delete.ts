import { args, BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'

/**
 * Deletes a room (and its messages) by name, ignoring case
 */
export default class RoomDelete extends BaseCommand {
  static commandName = 'room:delete'
  static description = 'Delete a room and all its messages'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Name of the room' })
  declare name: string

  @inject()
  async run(rooms: RoomService) {
    const { default: Room } = await import('#models/room')
    const room = await Room.query().whereRaw('lower(name) = lower(?)', [this.name]).first()
    if (!room) {
      this.logger.error(`No room named "${this.name}"`)
      this.exitCode = 1
      return
    }
    await rooms.delete(room)
    this.logger.success(`Deleted room "${room.name}"`)
  }
}
