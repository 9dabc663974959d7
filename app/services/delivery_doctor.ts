import db from '@adonisjs/lucid/services/db'

/**
 * What the doctor found in one room's sequence log
 */
export type RoomDiagnosis = {
  roomId: number
  name: string
  lastSeq: number
  head: number
  entries: number
  problems: string[]
}

/**
 * A safe fix: set a room's last_seq to its log head
 */
export type Repair = { roomId: number; name: string; from: number; to: number }

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
 * Checks every room's sequence log (or the one named `roomName`):
 * seqs are exactly 1..last_seq with no gap or duplicate, last_seq equals the
 * log head, and no two rows share (room, user, client_id).
 */
export async function diagnoseRooms(roomName?: string): Promise<RoomDiagnosis[]> {
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

  const duplicateClientIds = await findDuplicateClientIds(stats.map((row: LogStats) => row.id))

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
    const duplicates = duplicateClientIds.get(row.id)
    if (duplicates) {
      problems.push(`${duplicates} client_id value(s) used twice by the same user`)
    }
    return {
      roomId: row.id,
      name: row.name,
      lastSeq: row.last_seq,
      head: row.head,
      entries: row.entries,
      problems,
    }
  })
}

/**
 * The safe repairs for a diagnosis: only a stale last_seq is repaired
 * automatically; gaps and duplicates need a person to look.
 */
export function plannedRepairs(diagnoses: RoomDiagnosis[]): Repair[] {
  return diagnoses
    .filter((room) => room.lastSeq !== room.head)
    .map((room) => ({ roomId: room.roomId, name: room.name, from: room.lastSeq, to: room.head }))
}

/**
 * Applies one repair, re-reading the head under a row lock so a message
 * written meanwhile is not undone
 */
export async function applyRepair(repair: Repair) {
  await db.transaction(async (trx) => {
    await trx.from('rooms').where('id', repair.roomId).forUpdate().first()
    const { head } = await trx
      .from('messages')
      .where('room_id', repair.roomId)
      .select(db.raw('coalesce(max(seq), 0)::bigint as head'))
      .firstOrFail()
    await trx.from('rooms').where('id', repair.roomId).update({ last_seq: head })
  })
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
