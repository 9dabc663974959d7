import db from '@adonisjs/lucid/services/db'
import { roomRowsRewritten } from '#services/chat/message_page_cache'
import { ROOM_SETTING_KINDS_SQL, SETTING_MISMATCHES } from '#services/operations/room_setting_rules'

/**
 * What the doctor found in one room's sequence log
 */
export type RoomDiagnosis = {
  roomId: number
  name: string
  lastSeq: number
  head: number
  entries: number
  /** Read markers a repair would clamp: those past the log head */
  markersPastHead: number
  problems: string[]
}

/**
 * A safe fix: set a room's last_seq to its log head, or clamp the room's
 * read markers that point past it
 */
export type Repair =
  | { kind: 'last_seq'; roomId: number; name: string; from: number; to: number }
  | { kind: 'read_markers'; roomId: number; name: string; markers: number; to: number }

type LogStats = {
  id: number
  name: string
  last_seq: number
  head: number
  entries: number
  distinct_seqs: number
  first_seq: number
}

/**
 * Per-room counts of rows breaking one rule, for the rooms in `?` (an id array)
 */
const RULES = {
  /** entries about a message whose target is not an earlier message of the room */
  orphanEntries: `SELECT e.room_id, count(*)::bigint AS total FROM messages e
    WHERE e.room_id = ANY(?::int[]) AND e.kind NOT IN ('message', ${ROOM_SETTING_KINDS_SQL}) AND NOT EXISTS (
      SELECT 1 FROM messages t WHERE t.room_id = e.room_id AND t.seq = e.target_seq
        AND t.kind = 'message' AND t.seq < e.seq)
    GROUP BY e.room_id`,
  /** deleted messages no delete entry points at */
  unloggedDeletions: `SELECT m.room_id, count(*)::bigint AS total FROM messages m
    WHERE m.room_id = ANY(?::int[]) AND m.kind = 'message' AND m.deleted_at IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM messages d WHERE d.room_id = m.room_id AND d.kind = 'delete'
        AND d.target_seq = m.seq)
    GROUP BY m.room_id`,
  /** deleted messages (or their edits) that still hold text */
  deletedText: `SELECT m.room_id, count(*)::bigint AS total FROM messages m
    WHERE m.room_id = ANY(?::int[]) AND (m.body <> '' OR m.body_html <> '') AND (
      (m.kind = 'message' AND m.deleted_at IS NOT NULL) OR (m.kind = 'edit' AND EXISTS (
        SELECT 1 FROM messages t WHERE t.room_id = m.room_id AND t.seq = m.target_seq
          AND t.kind = 'message' AND t.deleted_at IS NOT NULL)))
    GROUP BY m.room_id`,
  /** mentions not pointing at a live message row of the same room and seq */
  strayMentions: `SELECT m.room_id, count(*)::bigint AS total FROM message_mentions mm
    JOIN messages m ON m.id = mm.message_id
    WHERE m.room_id = ANY(?::int[]) AND (m.kind <> 'message' OR m.deleted_at IS NOT NULL
      OR mm.room_id <> m.room_id OR mm.seq <> m.seq)
    GROUP BY m.room_id`,
  /** attachments held by an edit/delete entry, a deleted message or a message of another room */
  strayAttachments: `SELECT m.room_id, count(*)::bigint AS total FROM messages m
    JOIN attachments a ON a.id = m.attachment_id
    WHERE m.room_id = ANY(?::int[]) AND (m.kind <> 'message' OR m.deleted_at IS NOT NULL
      OR a.room_id <> m.room_id)
    GROUP BY m.room_id`,
  /** rooms whose settings differ from their newest setting entries */
  settingMismatches: SETTING_MISMATCHES,
  /** files uploaded over an hour ago that no message holds (their post failed midway) */
  unpostedAttachments: `SELECT a.room_id, count(*)::bigint AS total FROM attachments a
    WHERE a.room_id = ANY(?::int[]) AND a.created_at < now() - interval '1 hour'
      AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.attachment_id = a.id)
    GROUP BY a.room_id`,
  /** live messages whose pin does not match their newest pin/unpin entry */
  pinMismatches: `SELECT m.room_id, count(*)::bigint AS total FROM messages m
    WHERE m.room_id = ANY(?::int[]) AND m.kind = 'message' AND m.deleted_at IS NULL
      AND (m.pinned_at IS NOT NULL) <> coalesce((
        SELECT p.kind = 'pin' FROM messages p WHERE p.room_id = m.room_id
          AND p.target_seq = m.seq AND p.kind IN ('pin', 'unpin')
        ORDER BY p.seq DESC LIMIT 1), false)
    GROUP BY m.room_id`,
  /** reactions of live messages that differ from each person's newest react/unreact entry */
  reactionMismatches: `WITH latest AS (
      SELECT DISTINCT ON (e.room_id, e.target_seq, e.user_id, e.body)
        e.room_id, e.target_seq, e.user_id, e.body AS emoji, e.kind
      FROM messages e WHERE e.room_id = ANY(?::int[]) AND e.kind IN ('react', 'unreact')
      ORDER BY e.room_id, e.target_seq, e.user_id, e.body, e.seq DESC),
    live AS (
      SELECT m.id, m.room_id, m.seq FROM messages m
      WHERE m.room_id IN (SELECT room_id FROM latest) AND m.kind = 'message' AND m.deleted_at IS NULL)
    SELECT room_id, count(*)::bigint AS total FROM (
      SELECT live.room_id FROM latest
      JOIN live ON live.room_id = latest.room_id AND live.seq = latest.target_seq
      LEFT JOIN message_reactions r ON r.message_id = live.id AND r.user_id = latest.user_id
        AND r.emoji = latest.emoji
      WHERE (latest.kind = 'react') <> (r.message_id IS NOT NULL)
      UNION ALL
      SELECT live.room_id FROM message_reactions r JOIN live ON live.id = r.message_id
      WHERE NOT EXISTS (SELECT 1 FROM latest WHERE latest.room_id = live.room_id
        AND latest.target_seq = live.seq AND latest.user_id = r.user_id AND latest.emoji = r.emoji)
    ) mismatches GROUP BY room_id`,
  /** replies whose reply_to is not an earlier message of the room that is no reply itself */
  strayReplies: `SELECT r.room_id, count(*)::bigint AS total FROM messages r
    WHERE r.room_id = ANY(?::int[]) AND r.reply_to IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM messages p WHERE p.room_id = r.room_id AND p.seq = r.reply_to
        AND p.kind = 'message' AND p.reply_to IS NULL AND p.seq < r.seq)
    GROUP BY r.room_id`,
} as const

/**
 * Checks rooms' sequence logs (`chat:verify`) and applies the safe repairs
 */
export default class DeliveryDoctorService {
  /**
   * Checks every room's sequence log (or the one named `roomName`):
   * seqs are exactly 1..last_seq with no gap or duplicate, last_seq equals the
   * log head, no two rows share (room, user, client_id), every edit/delete
   * targets an earlier message of the room (pins too), deleted messages are
   * logged and blank, pins, reactions and room settings match their newest
   * entries, replies point at an earlier root message of the room, read markers
   * stay within last_seq, mentions point at messages and attachments belong
   * to a live message of their room.
   */
  async diagnose(roomName?: string): Promise<RoomDiagnosis[]> {
    const stats = await db
      .from('rooms as r')
      .leftJoin('messages as m', 'm.room_id', 'r.id')
      .if(roomName, (query) => query.whereRaw('lower(r.name) = lower(?)', [roomName!]))
      .groupBy('r.id', 'r.name', 'r.last_seq')
      .orderBy('r.id')
      .select('r.id', 'r.name', 'r.last_seq')
      .select(db.raw('coalesce(max(m.seq), 0)::bigint as head'))
      .select(db.raw('count(m.id)::bigint as entries'))
      .select(db.raw('count(distinct m.seq)::bigint as distinct_seqs'))
      .select(db.raw('coalesce(min(m.seq), 0)::bigint as first_seq'))

    const roomIds = stats.map((row: LogStats) => row.id)
    /* One query at a time: they may share a single connection (a transaction) */
    const duplicateClientIds = await findDuplicateClientIds(roomIds)
    const orphans = await countByRoom(RULES.orphanEntries, roomIds)
    const unlogged = await countByRoom(RULES.unloggedDeletions, roomIds)
    const deletedText = await countByRoom(RULES.deletedText, roomIds)
    const mentions = await countByRoom(RULES.strayMentions, roomIds)
    const strayAttachments = await countByRoom(RULES.strayAttachments, roomIds)
    const unpostedAttachments = await countByRoom(RULES.unpostedAttachments, roomIds)
    const pins = await countByRoom(RULES.pinMismatches, roomIds)
    const reactions = await countByRoom(RULES.reactionMismatches, roomIds)
    const settings = await countByRoom(RULES.settingMismatches, roomIds)
    const replies = await countByRoom(RULES.strayReplies, roomIds)
    const markers = await findMarkersAhead(roomIds)

    return stats.map((row: LogStats) => {
      const problems: string[] = []
      if (row.entries !== row.distinct_seqs) {
        problems.push(`${row.entries - row.distinct_seqs} duplicate seq value(s)`)
      }
      const missing = row.head - row.distinct_seqs
      if (missing > 0 || (row.entries > 0 && row.first_seq < 1)) {
        problems.push(`${missing} seq value(s) missing in 1..${row.head} (gap)`)
      }
      if (row.last_seq !== row.head) {
        problems.push(`last_seq ${row.last_seq} differs from the log head ${row.head}`)
      }
      const counted: Array<[Map<number, number>, string]> = [
        [duplicateClientIds, 'client_id value(s) used twice by the same user'],
        [
          orphans,
          'orphan edit/delete/pin/reaction entr(y/ies): no earlier message at their target seq',
        ],
        [unlogged, 'deleted message(s) without a delete entry'],
        [deletedText, 'deleted message row(s) still holding text'],
        [mentions, 'mention(s) not pointing at a live message of this room'],
        [strayAttachments, 'attachment(s) held by something else than a live message of this room'],
        [unpostedAttachments, 'attachment(s) uploaded over an hour ago that no message holds'],
        [pins, 'message(s) whose pin differs from their newest pin/unpin entry'],
        [reactions, 'reaction(s) differing from their newest react/unreact entry'],
        [settings, 'room setting(s) differing from their newest setting entry'],
        [replies, 'repl(y/ies) not pointing at an earlier thread root of this room'],
      ]
      for (const [counts, what] of counted) {
        const total = counts.get(row.id)
        if (total) {
          problems.push(`${total} ${what}`)
        }
      }
      const ahead = markers.get(row.id)
      if (ahead?.pastLastSeq) {
        problems.push(`${ahead.pastLastSeq} read marker(s) past last_seq ${row.last_seq}`)
      }
      return {
        roomId: row.id,
        name: row.name,
        lastSeq: row.last_seq,
        head: row.head,
        entries: row.entries,
        markersPastHead: ahead?.pastHead ?? 0,
        problems,
      }
    })
  }

  /**
   * The safe repairs for a diagnosis: a stale last_seq is reset to the log
   * head, then read markers past it are clamped to it; gaps, duplicates,
   * orphans and the rest need a person to look.
   */
  plan(diagnoses: RoomDiagnosis[]): Repair[] {
    return diagnoses.flatMap((room) => {
      const repairs: Repair[] = []
      const base = { roomId: room.roomId, name: room.name }
      if (room.lastSeq !== room.head) {
        repairs.push({ kind: 'last_seq', ...base, from: room.lastSeq, to: room.head })
      }
      if (room.markersPastHead > 0) {
        repairs.push({
          kind: 'read_markers',
          ...base,
          markers: room.markersPastHead,
          to: room.head,
        })
      }
      return repairs
    })
  }

  /**
   * Applies one repair under the room's row lock, re-reading the head (or
   * last_seq) there so a message written meanwhile is not undone
   */
  async repair(repair: Repair) {
    await db.transaction(async (trx) => {
      await trx.from('rooms').where('id', repair.roomId).forUpdate().first()
      if (repair.kind === 'read_markers') {
        await trx.rawQuery(
          `UPDATE room_reads SET last_read_seq = rooms.last_seq, updated_at = now() FROM rooms
          WHERE rooms.id = room_reads.room_id AND room_reads.room_id = ?
            AND room_reads.last_read_seq > rooms.last_seq`,
          [repair.roomId]
        )
        return
      }
      const { head } = await trx
        .from('messages')
        .where('room_id', repair.roomId)
        .select(db.raw('coalesce(max(seq), 0)::bigint as head'))
        .firstOrFail()
      await trx.from('rooms').where('id', repair.roomId).update({ last_seq: head })
      // last_seq may go back here: a later entry would bring back a version pages were held at
      await roomRowsRewritten(trx, [repair.roomId])
    })
  }
}

/**
 * Runs a RULES query: room id → rows breaking the rule
 */
async function countByRoom(sql: string, roomIds: number[]) {
  const counts = new Map<number, number>()
  if (roomIds.length === 0) {
    return counts
  }
  const result = await db.rawQuery<{ rows: Array<{ room_id: number; total: number }> }>(sql, [
    roomIds,
  ])
  for (const row of result.rows) {
    counts.set(row.room_id, Number(row.total))
  }
  return counts
}

/**
 * Read markers past the room's last_seq, and past its log head
 */
async function findMarkersAhead(roomIds: number[]) {
  const ahead = new Map<number, { pastLastSeq: number; pastHead: number }>()
  if (roomIds.length === 0) {
    return ahead
  }
  const result = await db.rawQuery<{
    rows: Array<{ room_id: number; past_last_seq: number; past_head: number }>
  }>(
    `SELECT rr.room_id,
      count(*) FILTER (WHERE rr.last_read_seq > r.last_seq)::bigint AS past_last_seq,
      count(*) FILTER (WHERE rr.last_read_seq > coalesce(
        (SELECT max(seq) FROM messages WHERE room_id = r.id), 0))::bigint AS past_head
    FROM room_reads rr JOIN rooms r ON r.id = rr.room_id
    WHERE rr.room_id = ANY(?::int[]) GROUP BY rr.room_id`,
    [roomIds]
  )
  for (const row of result.rows) {
    ahead.set(row.room_id, {
      pastLastSeq: Number(row.past_last_seq),
      pastHead: Number(row.past_head),
    })
  }
  return ahead
}

/**
 * Rooms where a (user, client_id) pair appears more than once
 */
async function findDuplicateClientIds(roomIds: number[]) {
  const counts = new Map<number, number>()
  if (roomIds.length === 0) {
    return counts
  }
  const rows = await db
    .from(
      db
        .from('messages')
        .whereIn('room_id', roomIds)
        .whereNotNull('client_id')
        .groupBy('room_id', 'user_id', 'client_id')
        .havingRaw('count(*) > 1')
        .select('room_id')
        .as('dups')
    )
    .groupBy('room_id')
    .select('room_id')
    .select(db.raw('count(*)::bigint as total'))
  for (const row of rows) {
    counts.set(row.room_id, row.total)
  }
  return counts
}
