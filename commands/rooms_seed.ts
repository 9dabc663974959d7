import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import DemoOwnerService from '#services/rooms/demo_owner_service'

/**
 * Creates N demo rooms ("Demo room 1" … "Demo room N"). Running it again
 * creates only the missing ones.
 */
export default class RoomsSeed extends BaseCommand {
  static commandName = 'rooms:seed'
  static description = 'Create demo rooms (idempotent) owned by the demo user or --owner'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'How many demo rooms should exist', default: 10 })
  declare count: number

  @flags.string({ description: 'Username of the owner (default: the "demo" user)' })
  declare owner?: string

  @inject()
  async run(owners: DemoOwnerService) {
    if (!Number.isInteger(this.count) || this.count < 1 || this.count > 10_000) {
      this.logger.error('--count must be a whole number between 1 and 10000')
      this.exitCode = 1
      return
    }
    const { default: Room } = await import('#models/room')
    const owner = await owners.findOrCreate(this.owner)
    if (!owner) {
      this.logger.error(`Unknown user "${this.owner}"`)
      this.exitCode = 1
      return
    }

    const names = Array.from({ length: this.count }, (_, index) => `Demo room ${index + 1}`)
    const existing = await Room.query()
      .whereIn('name', names)
      .where('visibility', 'public')
      .select('name')
    const taken = new Set(existing.map((room) => room.name))
    const missing = names.filter((name) => !taken.has(name))

    const tasks = this.ui.tasks({ verbose: !process.stdout.isTTY })
    tasks.add(`Creating ${missing.length} room(s)`, async (task) => {
      for (let start = 0; start < missing.length; start += 500) {
        const batch = missing.slice(start, start + 500)
        await Room.createMany(
          batch.map((name) => ({
            name,
            description: 'A room to try the chat in',
            ownerId: owner.id,
            lastSeq: 0,
          }))
        )
        task.update(`${start + batch.length}/${missing.length} created`)
      }
      return `${missing.length} created`
    })
    await tasks.run()
    this.logger.success(
      `Created ${missing.length} room(s), ${taken.size} already existed (owner: ${owner.username})`
    )
  }
}
