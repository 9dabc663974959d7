import User from '#models/user'
import { randomBytes } from 'node:crypto'

/**
 * Username that owns demo content when no owner is named
 */
export const DEMO_USERNAME = 'demo'

/**
 * The named user, or the demo user (created with a random password when
 * missing). Null when a named user does not exist.
 */
export async function findOwnerOrDemo(username?: string) {
  if (username) {
    return User.findByUsername(username)
  }
  const existing = await User.findByUsername(DEMO_USERNAME)
  return (
    existing ??
    User.create({ username: DEMO_USERNAME, password: randomBytes(24).toString('base64url') })
  )
}
