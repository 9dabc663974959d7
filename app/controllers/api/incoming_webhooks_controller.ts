import { inject } from '@adonisjs/core'
import IncomingWebhookService from '#services/webhooks/incoming_webhook_service'
import LogEntryTransformer from '#transformers/log_entry_transformer'
import { postMessageValidator } from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Incoming webhooks: whoever holds the secret URL posts to its room as its bot
 */
@inject()
export default class IncomingWebhooksController {
  constructor(protected incoming: IncomingWebhookService) {}

  /**
   * Posts `{text, client_id?}`; answers the stored entry (rate limited per webhook)
   */
  async store({ params, request, response, serialize }: HttpContext) {
    const webhook = await this.incoming.findOrFail(String(params.token).slice(0, 100))
    await this.incoming.throttle(webhook)
    const { text, client_id: clientId } = await request.validateUsing(postMessageValidator)
    const stored = await this.incoming.post(webhook, text, clientId ?? null)
    if (!stored) return response.notFound()
    return response.created(await serialize(LogEntryTransformer.transform(stored)))
  }
}
