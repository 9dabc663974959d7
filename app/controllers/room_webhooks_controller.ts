import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import RoomWebhooksService from '#services/webhooks/room_webhooks_service'
import RoomPolicy from '#policies/room_policy'
import { createWebhookValidator } from '#validators/webhook'
import { appUrl } from '#config/app'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A room's webhooks page: whoever moderates the room creates incoming
 * webhooks (a secret URL shown once) and outgoing ones (a signing secret
 * shown once), sees their state and deletes them
 */
@inject()
export default class RoomWebhooksController {
  constructor(
    protected rooms: RoomService,
    protected webhooks: RoomWebhooksService
  ) {}

  /**
   * The room's webhooks, with the form to add one
   */
  async index({ params, view, auth, bouncer }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    return view.render('pages/rooms/webhooks', { room, webhooks: await this.webhooks.list(room) })
  }

  /**
   * Creates a webhook and shows its secret once
   */
  async store({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    const { direction, name, url } = await request.validateUsing(createWebhookValidator)
    if (direction === 'incoming') {
      const created = await this.webhooks.createIncoming(room, name, user)
      session.flash('webhookSecret', new URL(created.path, appUrl).href)
    } else {
      const created = await this.webhooks.createOutgoing(room, name, url!, user)
      session.flash('webhookSecret', created.secret)
    }
    session.flash('success', i18n.t('webhooks.flash.created'))
    return response.redirect().toRoute('room_webhooks.index', { id: room.id })
  }

  /**
   * Deletes a webhook
   */
  async destroy({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    await this.webhooks.remove(room, params.webhookId)
    session.flash('success', i18n.t('webhooks.flash.deleted'))
    return response.redirect().toRoute('room_webhooks.index', { id: room.id })
  }
}
