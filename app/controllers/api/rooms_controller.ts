import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import RoomPolicy from '#policies/room_policy'
import { serializeRoom } from '#transformers/room_transformer'
import { createRoomValidator, searchRoomsValidator } from '#validators/room'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Rooms as JSON for API clients
 */
@inject()
export default class RoomsController {
  constructor(protected rooms: RoomService) {}

  /**
   * Lists or searches rooms, paginated
   */
  async index({ request, auth }: HttpContext) {
    const { q, page } = await searchRoomsValidator.validate(request.qs())
    const rooms = await this.rooms.search(auth.getUserOrFail(), q, page)
    const meta = rooms.getMeta()
    return {
      data: rooms.all().map(serializeRoom),
      meta: {
        total: meta.total,
        perPage: meta.perPage,
        page: meta.currentPage,
        lastPage: meta.lastPage,
      },
    }
  }

  /**
   * Creates a room owned by the token's user
   */
  async store({ request, response, auth }: HttpContext) {
    const payload = await request.validateUsing(createRoomValidator)
    const room = await this.rooms.create(auth.getUserOrFail(), payload)
    await room.load('owner')
    return response.created({ data: serializeRoom(room) })
  }

  /**
   * One room the token's user may see
   */
  async show({ params, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    return { data: serializeRoom(room) }
  }

  /**
   * Deletes a room; only its owner may
   */
  async destroy({ params, response, bouncer, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('delete', room)
    await this.rooms.delete(room)
    return response.noContent()
  }
}
