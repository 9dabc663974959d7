import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#models/user'

/**
 * The JSON shape of a person as others see them (their profile card)
 */
export default class PersonTransformer extends BaseTransformer<User> {
  toObject() {
    const person = this.resource
    return {
      id: person.id,
      username: person.username,
      displayName: person.displayName,
      timeZone: person.timeZone,
    }
  }
}
