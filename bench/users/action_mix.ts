/**
 * What a simulated user does between two idle pauses
 */
export type UserAction =
  'switchRoom' | 'readHistory' | 'checkUnread' | 'send' | 'openLobby' | 'markRead' | 'search'

/**
 * Relative frequency of each action, from the action list of Mattermost's
 * load-test-ng "simulative" controller (loadtest/control/simulcontroller/
 * controller.go), mapped to Roomchat: SwitchChannel 6.5219 → switchRoom,
 * ScrollChannel 1.9873 → readHistory, UnreadCheck 1 → checkUnread,
 * CreatePost 1 → send (preceded by a typing frame), ViewGlobalThreads
 * 0.6023 → openLobby, UpdateThreadRead 0.3236 → markRead, and SearchPosts
 * 0.0218 + SearchChannels 0.0150 + SearchUsers 0.0320 → search
 */
export const ACTION_WEIGHTS: ReadonlyArray<readonly [UserAction, number]> = [
  ['switchRoom', 6.5219],
  ['readHistory', 1.9873],
  ['checkUnread', 1],
  ['send', 1],
  ['openLobby', 0.6023],
  ['markRead', 0.3236],
  ['search', 0.0688],
]

/**
 * Pause between two actions: load-test-ng waits at least 1 s and 20 s on
 * average (MinIdleTimeMs, AvgIdleTimeMs of simulcontroller/config.go)
 */
export type IdleTiming = { minMs: number; avgMs: number }

/**
 * load-test-ng's default pace
 */
export const MATTERMOST_IDLE: IdleTiming = { minMs: 1000, avgMs: 20_000 }

const TOTAL_WEIGHT = ACTION_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0)

/**
 * The action whose share of the cumulative weights holds `random` (a number
 * in [0, 1), e.g. Math.random())
 */
export function pickAction(random: number): UserAction {
  let threshold = random * TOTAL_WEIGHT
  for (const [action, weight] of ACTION_WEIGHTS) {
    threshold -= weight
    if (threshold < 0) {
      return action
    }
  }
  return ACTION_WEIGHTS[ACTION_WEIGHTS.length - 1][0]
}

/**
 * The pause before the next action: `minMs` plus an exponentially
 * distributed wait, so the mean is `avgMs` (`random` in [0, 1))
 */
export function idleMs(random: number, timing: IdleTiming) {
  return timing.minMs - (timing.avgMs - timing.minMs) * Math.log(1 - random)
}

/**
 * Share of all actions that are `action` (0..1)
 */
export function shareOf(action: UserAction) {
  return (ACTION_WEIGHTS.find(([name]) => name === action)?.[1] ?? 0) / TOTAL_WEIGHT
}
