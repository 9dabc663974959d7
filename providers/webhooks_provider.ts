import type { ApplicationService } from '@adonisjs/core/types'
import WebhookDispatcher from '#services/webhooks/webhook_dispatcher'

/**
 * The one outgoing-webhook dispatcher of the process; the web server sends
 * the queued deliveries (tests drive it themselves)
 */
export default class WebhooksProvider {
  #dispatcher: WebhookDispatcher | null = null

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(WebhookDispatcher, async (resolver) => {
      this.#dispatcher = new WebhookDispatcher(await resolver.make('logger'))
      return this.#dispatcher
    })
  }

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const dispatcher = await this.app.container.make(WebhookDispatcher)
    dispatcher.start()
  }

  async shutdown() {
    await this.#dispatcher?.stop()
  }
}
