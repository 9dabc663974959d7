import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'

/**
 * Failed logins allowed per IP and username before a pause
 */
export const LOGIN_ATTEMPTS = 5

/**
 * Verifies credentials (username in any case), counting each failure against the IP + username pair.
 * After LOGIN_ATTEMPTS failures within a minute, further tries are refused
 * with a ThrottleException (429) until the pause ends.
 */
export async function verifyCredentialsThrottled(ip: string, username: string, password: string) {
  const throttle = limiter.use({
    requests: LOGIN_ATTEMPTS,
    duration: '1 min',
    blockDuration: '1 min',
  })
  const key = `login_${ip}_${username.toLowerCase()}`
  const [error, user] = await throttle.penalize(key, async () => {
    const existing = await User.findByUsername(username)
    const canonical = existing?.username ?? username
    return User.verifyCredentials(canonical, password)
  })
  if (error) {
    const seconds = error.response.availableIn
    throw error
      .setMessage(`Too many login attempts. Try again in ${seconds} seconds.`)
      .t('errors.login_throttled', { seconds })
  }
  return user
}
