import { BaseSeeder } from '@adonisjs/lucid/seeders'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Room from '#models/room'
import { LucidMessageStore, MarkdownMessageRenderer } from '#chat/index'
import { PUBLIC_MEMBERS_BACKFILL } from '#database/migrations/1795600000112_add_room_membership_settings'

/**
 * The password every demo user shares: known to anyone who reads this file
 */
const DEMO_PASSWORD = 'password123'

const DEMO_USERS = ['alice', 'bob', 'carol']

/**
 * Demo rooms in English and Vietnamese, each with a short conversation
 * (author, text) in its language, posted into the room while it is empty
 */
const DEMO_ROOMS = [
  {
    name: 'General',
    description: 'Say hello to everyone',
    owner: 'alice',
    messages: [
      ['alice', 'Welcome to **Roomchat**! Say hello and tell us what you are working on.'],
      ['bob', 'Hi @alice, glad to be here. Is there a room in Vietnamese too?'],
      ['carol', 'Yes: *Phòng chung*. Xin chào mọi người!'],
    ],
  },
  {
    name: 'Random',
    description: 'Anything goes',
    owner: 'bob',
    messages: [
      ['bob', 'Anyone tried the new café on the corner?'],
      ['alice', 'Yes, their `flat white` is great.'],
    ],
  },
  {
    name: 'Help desk',
    description: 'Questions about the chat itself',
    owner: 'carol',
    messages: [['carol', 'Ask here how to use the chat. Search ignores accents and case.']],
  },
  {
    name: 'Phòng chung',
    description: 'Trò chuyện bằng tiếng Việt',
    owner: 'alice',
    messages: [
      ['alice', 'Chào cả nhà! Đây là phòng trò chuyện bằng **tiếng Việt**.'],
      ['bob', 'Chào @alice, hôm nay mọi người thế nào?'],
      ['carol', 'Mình khỏe, cảm ơn! Cuối tuần này đi uống cà phê không?'],
    ],
  },
  {
    name: 'Hỏi đáp',
    description: 'Hỏi đáp về cách dùng ứng dụng',
    owner: 'carol',
    messages: [
      ['carol', 'Có câu hỏi gì về ứng dụng thì cứ hỏi ở đây nhé. Tìm “viet” cũng thấy “Việt”.'],
    ],
  },
] as const

/**
 * Demo dataset for development: users alice, bob and carol, all with the
 * password "password123", and rooms with messages in English and
 * Vietnamese. Refused in production (anyone could sign in as them). Safe to
 * run twice. Shows its steps as Ace tasks (plain lines when stdout is not a
 * terminal).
 */
export default class DemoSeeder extends BaseSeeder {
  async run() {
    if (app.inProduction) {
      throw new Error(
        `Demo data is for development only: it creates users ${DEMO_USERS.join(', ')} with ` +
          `the password "${DEMO_PASSWORD}", which anyone can read. Nothing was written.`
      )
    }
    let users: User[] = []
    let rooms: Room[] = []
    const tasks = ace.ui.tasks({ verbose: !process.stdout.isTTY })
    tasks.add('Demo users (development only)', async () => {
      users = await User.updateOrCreateMany(
        'username',
        DEMO_USERS.map((username) => ({ username, password: DEMO_PASSWORD }))
      )
      return `${users.length} ready: ${DEMO_USERS.join(', ')} (password "${DEMO_PASSWORD}")`
    })
    const idOf = (username: string) => users.find((user) => user.username === username)!.id
    tasks.add('Demo rooms', async () => {
      rooms = await Room.fetchOrCreateMany(
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
    tasks.add('Demo messages', async () => {
      const store = new LucidMessageStore(db, new MarkdownMessageRenderer())
      let posted = 0
      for (const demo of DEMO_ROOMS) {
        const room = rooms.find((candidate) => candidate.name === demo.name)!
        if (room.lastSeq > 0) continue
        for (const [author, text] of demo.messages) {
          const user = { id: idOf(author), username: author }
          await store.append({ room: room.id, user, clientId: null, text })
          posted++
        }
      }
      return `${posted} posted in English and Vietnamese`
    })
    tasks.add('Demo memberships', async () => {
      await db.rawQuery(PUBLIC_MEMBERS_BACKFILL)
      return 'owners and everyone who posted joined their rooms'
    })
    await tasks.run()
    if (tasks.getState() === 'failed') {
      throw tasks.error
    }
  }
}
