import factory from '@adonisjs/lucid/factories'
import Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'

/**
 * Rooms with unique names, each owned by a new user unless one is given
 */
export const RoomFactory = factory
  .define(Room, ({ faker }) => ({
    name: `${faker.word.adjective()} ${faker.word.noun()} ${faker.string.alphanumeric(5)}`,
    description: faker.lorem.sentence(),
    lastSeq: 0,
    visibility: 'public' as const,
  }))
  .relation('owner', () => UserFactory)
  .build()
