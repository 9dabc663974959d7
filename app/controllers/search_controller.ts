import { inject } from '@adonisjs/core'
import { errors as vineErrors } from '@vinejs/vine'
import MessageSearchService from '#services/search/message_search_service'
import RoomService from '#services/rooms/room_service'
import { searchMessagesValidator, searchScopeValidator } from '#validators/message_search'
import SearchTimeoutException from '#exceptions/search_timeout_exception'
import type Room from '#models/room'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The message search page
 */
@inject()
export default class SearchController {
  constructor(
    protected messages: MessageSearchService,
    protected rooms: RoomService
  ) {}

  /**
   * The search form, in every room the user may see or in one (`room`), and
   * a page of results once there is a query. An invalid query is shown on
   * the page (422), not redirected away, and so is a search that took too
   * long (503).
   */
  async index({ request, response, view, auth, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const typed: unknown = request.qs().q
    let scope: Room | null = null
    try {
      const { room } = await request.validateUsing(searchScopeValidator)
      scope = room ? await this.rooms.findVisibleOrFail(room, user) : null
      if (typed === undefined) {
        return view.render('pages/search/index', { q: '', scope, results: null })
      }
      const payload = await request.validateUsing(searchMessagesValidator)
      const results = await this.messages.search(user.id, payload)
      return view.render('pages/search/index', { q: payload.q, scope, results })
    } catch (error) {
      let errors: Array<{ field: string; message: string }>
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        response.status(422)
        errors = error.messages
      } else if (error instanceof SearchTimeoutException) {
        response.status(SearchTimeoutException.status)
        errors = [{ field: 'q', message: i18n.t('search.timeout') }]
      } else {
        throw error
      }
      return view.render('pages/search/index', {
        q: typeof typed === 'string' ? typed : '',
        scope,
        results: null,
        errors,
      })
    }
  }
}
