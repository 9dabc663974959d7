import { inject } from '@adonisjs/core'
import PeopleService from '#services/people/people_service'
import PersonTransformer from '#transformers/person_transformer'
import { PresenceDirectory } from '#services/people/presence_directory'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * People's profiles as JSON for API clients
 */
@inject()
export default class PeopleController {
  constructor(
    protected people: PeopleService,
    protected directory: PresenceDirectory
  ) {}

  /**
   * The profile of the person with this username
   */
  async show({ params, serialize }: HttpContext) {
    const person = await this.people.findOrFail(params.username)
    return serialize(PersonTransformer.transform(person, this.directory.stateOf(person.id)))
  }
}
