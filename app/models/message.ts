import { MessageSchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import Attachment from '#models/attachment'

/**
 * An entry of a room's sequence log. Rows are written only by the chat
 * module's message store, which assigns `seq`.
 */
export default class Message extends MessageSchema {
  @belongsTo(() => User)
  declare author: BelongsTo<typeof User>

  @belongsTo(() => Attachment)
  declare attachment: BelongsTo<typeof Attachment>
}
