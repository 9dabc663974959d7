import transmit from '@adonisjs/transmit/services/main'

/**
 * A presence change sent to pages on Transmit
 */
type PresenceChange = { user: number; state: string }

/**
 * Records the presence changes broadcast on Transmit until the test ends
 * (`events`: how many events carried them); `next` waits (at most 5 s) for
 * the first recorded change of `user` to `state` after the previous `next`
 */
export function recordPresence(cleanup: (handler: () => void) => void) {
  const changes: PresenceChange[] = []
  const events: Array<Array<[number, string]>> = []
  const waiters = new Set<() => void>()
  const original = transmit.broadcast
  transmit.broadcast = (channel: string, payload?: Parameters<typeof original>[1]) => {
    if (channel === 'presence') {
      const { people } = payload as { people: Array<[number, string]> }
      events.push(people)
      changes.push(...people.map(([user, state]) => ({ user, state })))
      waiters.forEach((wake) => wake())
    }
    return original.call(transmit, channel, payload)
  }
  cleanup(() => {
    transmit.broadcast = original
  })
  let read = 0
  return {
    changes,
    events,
    next(user: number, state: string) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no presence change of ${user} to ${state}: ${JSON.stringify(changes)}`))
        }, 5000)
        function check() {
          const index = changes.findIndex(
            (change, at) => at >= read && change.user === user && change.state === state
          )
          if (index >= 0) {
            read = index + 1
            clearTimeout(timer)
            waiters.delete(check)
            resolve()
          }
        }
        waiters.add(check)
        check()
      })
    },
  }
}
