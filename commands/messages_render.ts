import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import MessageBodyBackfillService from '#services/chat/message_body_backfill_service'

/**
 * Renders the HTML, and records the mentions, of messages stored without it
 * (written before markdown); safe to run again
 */
export default class MessagesRender extends BaseCommand {
  static commandName = 'messages:render'
  static description =
    'Render the HTML and record the mentions of messages written before markdown (idempotent)'
  static options: CommandOptions = { startApp: true }

  @inject()
  async run(backfill: MessageBodyBackfillService) {
    const rendered = await backfill.run()
    this.logger.success(`Rendered ${rendered} message(s)`)
  }
}
