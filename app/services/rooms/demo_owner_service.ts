import { randomBytes } from 'node:crypto'
import User from '#models/user'

/**
 * Username that owns demo content when no owner is named
 */
const DEMO_USERNAME = 'demo'

/**
 * Who owns demo content (`rooms:seed`)
 */
export default class DemoOwnerService {
  /**
   * The named user, or the demo user (created with a random password when
   * missing). Null when a named user does not exist.
   */
  async findOrCreate(username?: string) {
    if (username) {
      return User.findByUsername(username)
    }
    const existing = await User.findByUsername(DEMO_USERNAME)
    return (
      existing ??
      User.create({ username: DEMO_USERNAME, password: randomBytes(24).toString('base64url') })
    )
  }
}
