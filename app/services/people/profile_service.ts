import type User from '#models/user'

/**
 * What a person may change about how others see them
 */
type ProfileChange = { displayName?: string | null; timeZone?: string | null }

/**
 * Display names and time zones. A new display name shows on pages at once;
 * open chat sockets keep the name they were opened with until they reconnect.
 */
export default class ProfileService {
  /**
   * Applies the fields given (undefined: unchanged, null: cleared)
   */
  async update(user: User, change: ProfileChange) {
    if (change.displayName !== undefined) {
      user.displayName = change.displayName
    }
    if (change.timeZone !== undefined) {
      user.timeZone = change.timeZone
    }
    await user.save()
    return user
  }
}
