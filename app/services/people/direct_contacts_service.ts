import db from '@adonisjs/lucid/services/db'
import User from '#models/user'

/**
 * How many people the "new direct message" page offers to pick
 */
export const DIRECT_CONTACTS_LIMIT = 100

/**
 * The people a user may pick to start a direct conversation on the
 * "new direct message" page: those sharing a room or a conversation with
 * them (people whose names they already see in member lists), by name;
 * never themselves, deleted, deactivated or bot accounts
 */
export default class DirectContactsService {
  /**
   * The people `user` may pick, at most DIRECT_CONTACTS_LIMIT
   */
  of(user: User) {
    const sharing = db
      .from('room_members as theirs')
      .join('room_members as mine', 'mine.room_id', 'theirs.room_id')
      .where('mine.user_id', user.id)
      .select('theirs.user_id')
    return User.query()
      .whereIn('id', sharing)
      .whereNot('id', user.id)
      .whereNull('deactivated_at')
      .where('is_bot', false)
      .whereRaw(`position(' ' in username) = 0`)
      .orderByRaw('lower(coalesce(display_name, username))')
      .orderBy('id')
      .limit(DIRECT_CONTACTS_LIMIT)
  }
}
