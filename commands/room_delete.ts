import { args, BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'

/**
 * Deletes a room (and its messages) by name, ignoring case; `--id` picks
 * one when several rooms share the name (a public room and private ones)
 */
export default class RoomDelete extends BaseCommand {
  static commandName = 'room:delete'
  static description = 'Delete a room and all its messages'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Name of the room' })
  declare name: string

  @flags.number({ description: 'Id of the room, when several rooms have this name' })
  declare id?: number

  @inject()
  async run(rooms: RoomService) {
    const { default: Room } = await import('#models/room')
    const query = Room.query()
      .whereRaw('lower(name) = lower(?)', [this.name])
      .preload('owner')
      .orderBy('id')
    if (this.id !== undefined) {
      query.where('id', this.id)
    }
    const named = await query
    if (named.length === 0) {
      this.logger.error(`No room named "${this.name}"`)
      this.exitCode = 1
      return
    }
    if (named.length > 1) {
      const list = named
        .map((room) => `id ${room.id} (${room.visibility}, owner ${room.owner.username})`)
        .join(', ')
      this.logger.error(
        `${named.length} rooms are named "${this.name}": ${list}. Run again with --id`
      )
      this.exitCode = 1
      return
    }
    await rooms.delete(named[0])
    this.logger.success(`Deleted room "${named[0].name}"`)
  }
}
