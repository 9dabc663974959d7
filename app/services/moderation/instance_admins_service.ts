import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#models/user'

/**
 * The instance admins: the first account becomes one, `node ace user:admin`
 * names others
 */
export default class InstanceAdminsService {
  /**
   * Makes `user` (just created in `trx`) admin when it is the instance's
   * first account; one sign-up at a time passes this check
   */
  async promoteIfFirst(user: User, trx: TransactionClientContract) {
    await trx.rawQuery("SELECT pg_advisory_xact_lock(hashtext('roomchat:first-admin'))")
    const others = await trx
      .from('users')
      .whereNot('id', user.id)
      .whereRaw("username NOT LIKE 'deleted user %'")
      .select('id')
      .first()
    if (!others) {
      user.isAdmin = true
      await user.useTransaction(trx).save()
    }
  }

  /**
   * Makes the user named `username` admin (or not, `isAdmin` false); null
   * when nobody has that name
   */
  async setAdmin(username: string, isAdmin: boolean) {
    const user = await User.findByUsername(username)
    if (!user) return null
    user.isAdmin = isAdmin
    await user.save()
    return user
  }

  /**
   * How many active admins the instance has
   */
  async count() {
    const [{ count }] = await db
      .from('users')
      .where('is_admin', true)
      .whereNull('deactivated_at')
      .count('* as count')
    return Number(count)
  }
}
