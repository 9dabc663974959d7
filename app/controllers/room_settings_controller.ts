import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import RoomSettingsService from '#services/room_settings/room_settings_service'
import { changesOf, type RoomSettingsInput } from '#services/room_settings/room_settings_changes'
import RoomSettingsPolicy, { isOwnerOrAdmin } from '#policies/room_settings_policy'
import { transferRoomValidator, updateRoomSettingsValidator } from '#validators/room_settings'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A room's settings page (forms that work without JavaScript): the owner
 * and the admin rename, change the topic and visibility, archive and hand
 * the room over; moderators change the topic
 */
@inject()
export default class RoomSettingsController {
  constructor(
    protected rooms: RoomService,
    protected settings: RoomSettingsService
  ) {}

  /**
   * The settings forms
   */
  async edit({ params, view, auth, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    await bouncer.with(RoomSettingsPolicy).authorize('view', room)
    return view.render('pages/rooms/settings', { room, mayChangeAll: isOwnerOrAdmin(user, room) })
  }

  /**
   * Saves the name, topic and visibility
   */
  async update(ctx: HttpContext) {
    const { name, description, visibility } = await ctx.request.validateUsing(
      updateRoomSettingsValidator
    )
    return this.#change(ctx, { name, description, visibility }, 'room_settings.flash.saved')
  }

  /**
   * Archives the room: read-only until unarchived
   */
  archive(ctx: HttpContext) {
    return this.#change(ctx, { archived: true }, 'room_settings.flash.archived')
  }

  /**
   * Makes the archived room writable again
   */
  unarchive(ctx: HttpContext) {
    return this.#change(ctx, { archived: false }, 'room_settings.flash.unarchived')
  }

  /**
   * Hands the room to another member, then shows the room
   */
  async transfer({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const { username } = await request.validateUsing(transferRoomValidator)
    await bouncer.with(RoomSettingsPolicy).authorize('change', room, ['owner'])
    await this.settings.transfer(room, user, username)
    session.flash('success', i18n.t('room_settings.flash.transferred', { username }))
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }

  async #change(
    { params, response, auth, bouncer, session, i18n }: HttpContext,
    input: RoomSettingsInput,
    flash: string
  ) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const changes = changesOf(room, input)
    await bouncer.with(RoomSettingsPolicy).authorize(
      'change',
      room,
      changes.map((change) => change.setting)
    )
    await this.settings.apply(room, user, changes)
    session.flash('success', i18n.t(flash))
    return response.redirect().toRoute('room_settings.edit', { id: room.id })
  }
}
