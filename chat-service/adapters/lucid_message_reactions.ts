import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  REACTION_LIMITS,
  type ChangeRefusal,
  type MessageReaction,
  type ReactionSummary,
} from '#chat/src/message_store'

/**
 * Records or withdraws one reaction of a message (locked with its room by
 * the caller); why not, or null when done. Limits: REACTION_LIMITS.
 */
export async function recordReaction(
  trx: TransactionClientContract,
  reaction: MessageReaction,
  messageId: number
): Promise<ChangeRefusal | null> {
  const mine = { message_id: messageId, user_id: reaction.user.id, emoji: reaction.emoji }
  if (!reaction.on) {
    const removed = await trx.from('message_reactions').where(mine).delete()
    return Number(removed) > 0 ? null : 'not_reacted'
  }
  const rows: Array<{ emoji: string; user_id: number }> = await trx
    .from('message_reactions')
    .where('message_id', messageId)
    .select('emoji', 'user_id')
  if (rows.some((row) => row.user_id === reaction.user.id && row.emoji === reaction.emoji)) {
    return 'already_reacted'
  }
  const emoji = new Set(rows.map((row) => row.emoji))
  const ownCount = rows.filter((row) => row.user_id === reaction.user.id).length
  if (
    (!emoji.has(reaction.emoji) && emoji.size >= REACTION_LIMITS.emojiPerMessage) ||
    ownCount >= REACTION_LIMITS.perUserPerMessage
  ) {
    return 'too_many_reactions'
  }
  await trx.insertQuery().table('message_reactions').insert(mine)
  return null
}

/**
 * The reactions of each message in `messageIds`, per emoji in the order
 * it was first used, with who reacted (earliest first)
 */
export async function reactionsOf(
  client: Pick<QueryClientContract, 'from'>,
  messageIds: number[]
): Promise<Map<number, ReactionSummary[]>> {
  const byMessage = new Map<number, ReactionSummary[]>()
  if (messageIds.length === 0) return byMessage
  const rows: Array<{
    message_id: number
    emoji: string
    user_id: number
    username: string
    display_name: string | null
  }> = await client
    .from('message_reactions')
    .join('users', 'users.id', 'message_reactions.user_id')
    .whereIn('message_reactions.message_id', messageIds)
    .orderBy('message_reactions.created_at')
    .orderBy('message_reactions.user_id')
    .select(
      'message_reactions.message_id',
      'message_reactions.emoji',
      'users.id as user_id',
      'users.username',
      'users.display_name'
    )
  for (const row of rows) {
    const summaries = byMessage.get(row.message_id) ?? []
    byMessage.set(row.message_id, summaries)
    let summary = summaries.find((entry) => entry.emoji === row.emoji)
    if (!summary) {
      summary = { emoji: row.emoji, users: [] }
      summaries.push(summary)
    }
    summary.users.push(
      row.display_name
        ? { id: row.user_id, username: row.username, displayName: row.display_name }
        : { id: row.user_id, username: row.username }
    )
  }
  return byMessage
}
