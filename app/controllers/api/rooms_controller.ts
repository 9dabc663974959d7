import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import RoomPolicy from '#policies/room_policy'
import RoomTransformer from '#transformers/room_transformer'
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
  async index({ request, auth, serializePage }: HttpContext) {
    const { q, page } = await searchRoomsValidator.validate(request.qs())
    const rooms = await this.rooms.search(auth.getUserOrFail(), q, page)
    return serializePage(RoomTransformer.paginate(rooms.all(), rooms.getMeta()))
  }

  /**
   * Creates a room owned by the token's user
   */
  async store({ request, response, auth, serialize }: HttpContext) {
    const owner = auth.getUserOrFail()
    const payload = await request.validateUsing(createRoomValidator, {
      meta: { ownerId: owner.id },
    })
    const room = await this.rooms.create(owner, payload)
    await room.load('owner')
    return response.created(await serialize(RoomTransformer.transform(room)))
  }

  /**
   * One room the token's user may see
   */
  async show({ params, auth, serialize }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    return serialize(RoomTransformer.transform(room))
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
