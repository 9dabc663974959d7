import { ROOM_SETTING_KINDS } from '#chat/index'

/**
 * The kinds of the system entries that change a room's settings, as an SQL list
 */
export const ROOM_SETTING_KINDS_SQL = ROOM_SETTING_KINDS.map((kind) => `'${kind}'`).join(', ')

/**
 * `chat:verify` rule: rooms whose name, topic, visibility, owner or archived
 * state differs from their newest entry of that setting (the log is the
 * truth a client replays; the row must agree with it)
 */
export const SETTING_MISMATCHES = `WITH latest AS (
    SELECT DISTINCT ON (e.room_id, setting) e.room_id, e.kind, e.body, setting
    FROM messages e,
      LATERAL (SELECT CASE WHEN e.kind = 'unarchive' THEN 'archive' ELSE e.kind END AS setting) s
    WHERE e.room_id = ANY(?::int[]) AND e.kind IN (${ROOM_SETTING_KINDS_SQL})
    ORDER BY e.room_id, setting, e.seq DESC)
  SELECT latest.room_id, count(*)::bigint AS total FROM latest
  JOIN rooms r ON r.id = latest.room_id JOIN users u ON u.id = r.owner_id
  WHERE CASE latest.setting
    WHEN 'rename' THEN latest.body <> r.name
    WHEN 'topic' THEN latest.body <> coalesce(r.description, '')
    WHEN 'visibility' THEN latest.body <> r.visibility
    WHEN 'owner' THEN latest.body <> u.username
    ELSE (latest.kind = 'archive') <> (r.archived_at IS NOT NULL) END
  GROUP BY latest.room_id`
