import factory from '@adonisjs/lucid/factories'
import User from '#models/user'

/**
 * Users with unique usernames and the password "secret-password"
 */
export const UserFactory = factory
  .define(User, ({ faker }) => ({
    username: `${faker.internet
      .username()
      .replace(/[^A-Za-z0-9_-]/g, '')
      .slice(0, 20)}_${faker.string.alphanumeric(6)}`,
    password: 'secret-password',
  }))
  .build()
