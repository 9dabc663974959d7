import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#models/user'
import type { Presence } from '#services/people/presence_directory'

/**
 * The JSON shape of a person as others see them (their profile card), with
 * their presence when given
 */
export default class PersonTransformer extends BaseTransformer<User> {
  constructor(
    person: User,
    protected presence?: Presence
  ) {
    super(person)
  }

  toObject() {
    const person = this.resource
    return {
      id: person.id,
      username: person.username,
      displayName: person.displayName,
      timeZone: person.timeZone,
      avatarKey: person.avatarKey,
      directMessages: person.acceptsDirectMessages,
      ...(this.presence ? { presence: this.presence } : {}),
    }
  }
}
