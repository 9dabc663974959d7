import { inject } from '@adonisjs/core'
import RoomService from '#services/room_service'
import RoomPolicy from '#policies/room_policy'
import { readMessagePage } from '#services/message_history'
import { clientTextsJson } from '#services/client_texts'
import { createRoomValidator, searchRoomsValidator, showRoomValidator } from '#validators/room'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Room pages for browsers
 */
@inject()
export default class RoomsController {
  constructor(protected rooms: RoomService) {}

  /**
   * Rooms list with search and the create form
   */
  async index({ request, view, i18n }: HttpContext) {
    const { q, page } = await searchRoomsValidator.validate(request.qs())
    const rooms = await this.rooms.search(q, page)
    rooms.baseUrl(request.url())
    rooms.queryString(q ? { q } : {})
    const lobbyTexts = clientTextsJson(i18n, 'rooms.lobby')
    return view.render('pages/rooms/index', { rooms, q: q ?? '', lobbyTexts })
  }

  /**
   * Creates a room and opens it
   */
  async store({ request, response, auth, session, i18n }: HttpContext) {
    const payload = await request.validateUsing(createRoomValidator)
    const room = await this.rooms.create(auth.getUserOrFail(), payload)
    session.flash('success', i18n.t('flash.room_created', { name: room.name }))
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }

  /**
   * The room page
   */
  async show({ params, request, view, i18n }: HttpContext) {
    const room = await this.rooms.findOrFail(Number(params.id))
    const { before } = await showRoomValidator.validate(request.qs())
    const page = await readMessagePage(room.id, before)
    return view.render('pages/rooms/show', {
      room,
      ...page,
      isLatestPage: !before,
      clientTexts: clientTextsJson(i18n, 'chat.client'),
    })
  }

  /**
   * Deletes a room; only its owner may
   */
  async destroy({ params, response, bouncer, session, i18n }: HttpContext) {
    const room = await this.rooms.findOrFail(Number(params.id))
    await bouncer.with(RoomPolicy).authorize('delete', room)
    await this.rooms.delete(room)
    session.flash('success', i18n.t('flash.room_deleted', { name: room.name }))
    return response.redirect().toRoute('rooms.index')
  }
}
