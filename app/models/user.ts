import { UserSchema } from '#database/schema'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'

/**
 * A person with an account. Usernames are unique case-insensitively and
 * passwords are hashed with scrypt.
 */
export default class User extends compose(
  UserSchema,
  withAuthFinder(() => hash.use(), { uids: ['username'], passwordColumnName: 'password' })
) {
  /**
   * Bearer tokens for API clients (30 days, revocable)
   */
  static accessTokens = DbAccessTokensProvider.forModel(User, { expiresIn: '30 days' })

  /**
   * The name shown for this person: their display name, else their username
   */
  get name() {
    return this.displayName ?? this.username
  }

  /**
   * Up to two letters for an avatar without a picture: the first letters of
   * the first two words of the shown name
   */
  get initials() {
    const words = this.name.split(/[\s_-]+/).filter(Boolean)
    return words
      .slice(0, 2)
      .map((word) => [...word][0].toLocaleUpperCase())
      .join('')
  }

  /**
   * Whether this is a deleted account's tombstone (its name, "deleted user
   * N", has a space no username can have)
   */
  get isDeleted() {
    return this.username.includes(' ')
  }

  /**
   * Whether a direct conversation can be opened with this person: not a
   * webhook's bot (nobody reads its messages) nor a deactivated account
   */
  get acceptsDirectMessages() {
    return !this.isBot && this.deactivatedAt === null
  }

  /**
   * Finds a user by username, ignoring case
   */
  static findByUsername(username: string) {
    return this.query().whereRaw('lower(username) = lower(?)', [username]).first()
  }

  /**
   * Finds the user with this e-mail address, ignoring case
   */
  static findByEmail(email: string) {
    return this.query().whereRaw('lower(email) = lower(?)', [email]).first()
  }
}
