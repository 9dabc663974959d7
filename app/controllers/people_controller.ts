import { inject } from '@adonisjs/core'
import PeopleService, { localTime } from '#services/people/people_service'
import PersonTransformer from '#transformers/person_transformer'
import { PresenceDirectory } from '#services/people/presence_directory'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A person's profile: the page behind every name (without JavaScript), and
 * the data of the profile card that opens instead (JSON)
 */
@inject()
export default class PeopleController {
  constructor(
    protected people: PeopleService,
    protected directory: PresenceDirectory
  ) {}

  /**
   * Display name, username, presence, local time and the "Message" button
   */
  async show({ params, request, view, i18n, serialize }: HttpContext) {
    const person = await this.people.findOrFail(params.username)
    if (request.accepts(['html', 'json']) === 'json') {
      return serialize(PersonTransformer.transform(person, this.directory.stateOf(person.id)))
    }
    return view.render('pages/people/show', {
      person,
      presence: this.directory.stateOf(person.id),
      localTime: localTime(person.timeZone, i18n.locale),
    })
  }
}
