import { inject } from '@adonisjs/core'
import DirectMessageService from '#services/people/direct_message_service'
import DirectConversationTransformer from '#transformers/direct_conversation_transformer'
import { openDirectMessageValidator } from '#validators/direct_message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Direct conversations as JSON for API clients
 */
@inject()
export default class DirectMessagesController {
  constructor(protected direct: DirectMessageService) {}

  /**
   * The token user's direct conversations
   */
  async index({ auth, serialize }: HttpContext) {
    const user = auth.getUserOrFail()
    const conversations = await this.direct.listFor(user)
    return serialize(DirectConversationTransformer.transform(conversations, user.id))
  }

  /**
   * Opens the conversation with the people named: 201 when it was created,
   * 200 with the same conversation when it existed
   */
  async store({ request, response, auth, serialize }: HttpContext) {
    const user = auth.getUserOrFail()
    const { usernames } = await request.validateUsing(openDirectMessageValidator)
    const { room, created } = await this.direct.open(user, usernames)
    const body = await serialize(DirectConversationTransformer.transform(room, user.id))
    return created ? response.created(body) : body
  }
}
