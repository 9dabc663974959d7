import { BaseSeeder } from '@adonisjs/lucid/seeders'
import ace from '@adonisjs/core/services/ace'
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
 * few rooms. Safe to run twice. Shows its steps as Ace tasks (plain lines
 * when stdout is not a terminal).
 */
export default class DemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    let users: User[] = []
    const tasks = ace.ui.tasks({ verbose: !process.stdout.isTTY })
    tasks.add('Demo users', async () => {
      users = await User.updateOrCreateMany(
        'username',
        DEMO_USERS.map((username) => ({ username, password: 'password123' }))
      )
      return `${users.length} ready: ${DEMO_USERS.join(', ')}`
    })
    tasks.add('Demo rooms', async () => {
      const idOf = (username: string) => users.find((user) => user.username === username)!.id
      const rooms = await Room.fetchOrCreateMany(
        'name',
        DEMO_ROOMS.map((room) => ({
          name: room.name,
          description: room.description,
          ownerId: idOf(room.owner),
          lastSeq: 0,
        }))
      )
      return `${rooms.length} ready: ${DEMO_ROOMS.map((room) => room.name).join(', ')}`
    })
    await tasks.run()
    if (tasks.getState() === 'failed') {
      throw tasks.error
    }
  }
}
