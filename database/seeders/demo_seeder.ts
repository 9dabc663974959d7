import { BaseSeeder } from '@adonisjs/lucid/seeders'
import User from '#models/user'
import Room from '#models/room'

const DEMO_USERS = ['alice', 'bob', 'carol']
const DEMO_ROOMS = [
  { name: 'General', description: 'Say hello to everyone', owner: 'alice' },
  { name: 'Random', description: 'Anything goes', owner: 'bob' },
  { name: 'Help desk', description: 'Questions about the chat itself', owner: 'carol' },
]

/**
 * Demo dataset: users alice, bob and carol (password "password123") and a
 * few rooms. Safe to run twice.
 */
export default class DemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    const users = await User.updateOrCreateMany(
      'username',
      DEMO_USERS.map((username) => ({ username, password: 'password123' }))
    )
    const idOf = (username: string) => users.find((user) => user.username === username)!.id
    await Room.fetchOrCreateMany(
      'name',
      DEMO_ROOMS.map((room) => ({
        name: room.name,
        description: room.description,
        ownerId: idOf(room.owner),
        lastSeq: 0,
      }))
    )
  }
}
