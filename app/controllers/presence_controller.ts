import { inject } from '@adonisjs/core'
import { PresenceDirectory } from '#services/people/presence_directory'
import { presenceQueryValidator } from '#validators/presence'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * People's presence for page scripts (changes then follow on Transmit)
 */
@inject()
export default class PresenceController {
  constructor(protected directory: PresenceDirectory) {}

  /**
   * `{data: {<id>: "online" | "away" | "offline"}}` for the ids asked
   */
  async index({ request }: HttpContext) {
    const { ids } = await presenceQueryValidator.validate(request.qs())
    return { data: this.directory.statesOf(ids) }
  }
}
