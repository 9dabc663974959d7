import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import RoomSettingsService from '#services/room_settings/room_settings_service'
import { changesOf } from '#services/room_settings/room_settings_changes'
import RoomSettingsPolicy from '#policies/room_settings_policy'
import RoomTransformer from '#transformers/room_transformer'
import { transferRoomValidator, updateRoomSettingsValidator } from '#validators/room_settings'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A room's settings as JSON: each change is a system entry of the room's log
 */
@inject()
export default class RoomSettingsController {
  constructor(
    protected rooms: RoomService,
    protected settings: RoomSettingsService
  ) {}

  /**
   * Changes the name, topic, visibility or archived state; answers the room
   */
  async update({ params, request, auth, bouncer, serialize }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const changes = changesOf(room, await request.validateUsing(updateRoomSettingsValidator))
    await bouncer.with(RoomSettingsPolicy).authorize(
      'change',
      room,
      changes.map((change) => change.setting)
    )
    await this.settings.apply(room, user, changes)
    return serialize(RoomTransformer.transform(room))
  }

  /**
   * Hands the room to another member; answers the room
   */
  async transfer({ params, request, auth, bouncer, serialize }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const { username } = await request.validateUsing(transferRoomValidator)
    await bouncer.with(RoomSettingsPolicy).authorize('change', room, ['owner'])
    await this.settings.transfer(room, user, username)
    return serialize(RoomTransformer.transform(room))
  }
}
