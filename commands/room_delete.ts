import { args, BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Deletes a room (and its messages) by name, ignoring case
 */
export default class RoomDelete extends BaseCommand {
  static commandName = 'room:delete'
  static description = 'Delete a room and all its messages'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Name of the room' })
  declare name: string

  async run() {
    const { default: Room } = await import('#models/room')
    const { default: RoomService } = await import('#services/rooms/room_service')
    const room = await Room.query().whereRaw('lower(name) = lower(?)', [this.name]).first()
    if (!room) {
      this.logger.error(`No room named "${this.name}"`)
      this.exitCode = 1
      return
    }
    await new RoomService().delete(room)
    this.logger.success(`Deleted room "${room.name}"`)
  }
}
