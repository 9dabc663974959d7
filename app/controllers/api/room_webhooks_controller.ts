import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import RoomWebhooksService from '#services/webhooks/room_webhooks_service'
import RoomPolicy from '#policies/room_policy'
import { createWebhookValidator } from '#validators/webhook'
import { appUrl } from '#config/app'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A room's webhooks as JSON (whoever moderates the room)
 */
@inject()
export default class RoomWebhooksController {
  constructor(
    protected rooms: RoomService,
    protected webhooks: RoomWebhooksService
  ) {}

  /**
   * The room's webhooks (never their tokens or secrets)
   */
  async index({ params, auth, bouncer }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    return { data: await this.webhooks.list(room) }
  }

  /**
   * Creates `{direction, name, url?}`: an incoming webhook answers its
   * secret `url`, an outgoing one its signing `secret` (both shown only now)
   */
  async store({ params, request, response, auth, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    const { direction, name, url } = await request.validateUsing(createWebhookValidator)
    if (direction === 'incoming') {
      const created = await this.webhooks.createIncoming(room, name, user)
      return response.created({
        data: { id: created.id, direction, name, url: new URL(created.path, appUrl).href },
      })
    }
    const created = await this.webhooks.createOutgoing(room, name, url!, user)
    return response.created({
      data: { id: created.id, direction, name, url, secret: created.secret },
    })
  }

  /**
   * Deletes webhook `webhookId`; 404 when the room has none such
   */
  async destroy({ params, response, auth, bouncer }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    await bouncer.with(RoomPolicy).authorize('moderate', room)
    if (!(await this.webhooks.remove(room, params.webhookId))) {
      return response.notFound({
        errors: [{ code: 'E_WEBHOOK_NOT_FOUND', message: 'This room has no such webhook' }],
      })
    }
    return response.noContent()
  }
}
