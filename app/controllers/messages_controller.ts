import { inject } from '@adonisjs/core'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { errors as lucidErrors } from '@adonisjs/lucid'
import Room from '#models/room'
import RoomService from '#services/rooms/room_service'
import MessageService from '#services/chat/message_service'
import MessageHistoryService from '#services/chat/message_history_service'
import MessageChangeRefusedException from '#exceptions/message_change_refused_exception'
import AttachmentService from '#services/attachments/attachment_service'
import LogEntryTransformer from '#transformers/log_entry_transformer'
import {
  editMessageValidator,
  postFileMessageValidator,
  postMessageValidator,
} from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Posting to a room (text, or a file with a caption), and editing and deleting messages,
 * without JavaScript; the upload script posts files here too
 */
@inject()
export default class MessagesController {
  constructor(
    protected rooms: RoomService,
    protected messages: MessageService,
    protected history: MessageHistoryService,
    protected attachments: AttachmentService
  ) {}

  /**
   * Posts the message (live clients see it like any other), then shows the
   * room again at the new message (a resend shows the stored one). With a
   * file (a multipart body), a script asking for JSON gets 201 and the
   * log entry instead.
   */
  async store(ctx: HttpContext) {
    const { params, request, response, auth, uploadedFile } = ctx
    const user = auth.getUserOrFail()
    let stored
    if (uploadedFile) {
      const input = await request.validateUsing(postFileMessageValidator)
      const room = await this.rooms.findVisibleOrFail(params.id, user)
      stored = await this.attachments.post(room, user, {
        text: input.text ?? '',
        clientId: input.client_id ?? null,
        file: uploadedFile,
      })
      if (request.accepts(['html', 'json']) === 'json') {
        if (!stored) {
          throw new lucidErrors.E_ROW_NOT_FOUND(Room)
        }
        response.status(201)
        return ctx.serialize(LogEntryTransformer.transform(stored))
      }
    } else {
      const {
        text,
        client_id: clientId,
        reply_to: replyTo,
      } = await request.validateUsing(postMessageValidator)
      const room = await this.rooms.findVisibleOrFail(params.id, user)
      const input = { text, clientId: clientId ?? null }
      stored = replyTo
        ? await this.messages.reply(room, user, replyTo, input)
        : await this.messages.post(room, user, input)
    }
    const anchor = stored ? `#message-${stored.seq}` : ''
    if (stored?.reply) {
      const thread = urlFor('message_replies.index', { id: params.id, seq: stored.reply.to })
      return response.redirect().toPath(`${thread}${anchor}`)
    }
    return response.redirect().toPath(`${urlFor('rooms.show', { id: params.id })}${anchor}`)
  }

  /**
   * Deletes a message (the author's own, or any in a room one owns), then
   * shows the room again
   */
  async destroy({ params, response, auth, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    await this.messages.remove(room, user, params.seq, null)
    session.flash('success', i18n.t('flash.message_deleted'))
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }

  /**
   * The form that edits one's own message (the room page's menu links here; with JavaScript
   * the message is edited in place instead)
   */
  async edit({ params, view, auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const message = await this.history.find(room.id, Number(params.seq))
    if (!message) throw new MessageChangeRefusedException('message_not_found')
    if (message.deletedAt) throw new MessageChangeRefusedException('message_deleted')
    if (message.userId !== user.id) throw new MessageChangeRefusedException('forbidden')
    return view.render('pages/messages/edit', { room, message })
  }

  /**
   * Saves the new text (live clients see the edit like any other), then shows the room again
   * at the message
   */
  async update({ params, request, response, auth }: HttpContext) {
    const { text } = await request.validateUsing(editMessageValidator)
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const seq = Number(params.seq)
    await this.messages.edit(room, user, seq, { text, clientId: null })
    return response.redirect().toPath(`${urlFor('rooms.show', { id: room.id })}#message-${seq}`)
  }
}
