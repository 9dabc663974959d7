/*
| A load generator process of the capacity ramp (capacity_ramp.ts): runs the
| simulated users it is told to add, hands over and resets its statistics on
| `collect`, and stops them all on `stop`. Talks to its parent over IPC only.
*/
import { emptyStats, SimulatedUser, type UserSettings } from './simulated_user.js'

/**
 * What the ramp tells a generator process
 */
export type WorkerCommand =
  | { type: 'add'; settings: UserSettings; usernames: string[]; spreadMs: number }
  | { type: 'collect' }
  | { type: 'stop' }

const users: SimulatedUser[] = []
let stats = emptyStats()
const currentStats = () => stats

process.on('message', (command: WorkerCommand) => {
  if (command.type === 'add') {
    command.usernames.forEach((username, index) => {
      const user = new SimulatedUser(username, command.settings, currentStats)
      users.push(user)
      const delay = (command.spreadMs * index) / Math.max(1, command.usernames.length)
      setTimeout(() => user.start(), delay).unref()
    })
  } else if (command.type === 'collect') {
    const collected = stats
    stats = emptyStats()
    process.send!({ type: 'stats', stats: collected })
  } else if (command.type === 'stop') {
    users.forEach((user) => user.stop())
    process.send!({ type: 'stopped' }, () => process.exit(0))
  }
})
process.send!({ type: 'ready' })
