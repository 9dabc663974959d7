/**
 * An ISO 8601 UTC timestamp with milliseconds, as `Date#toISOString` writes
 * it (both cut microseconds off)
 */
const isoTime = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/**
 * Up to `limit` entries of a room after a seq, each as its `message` frame
 * serialised by PostgreSQL with the keys, order and compact form
 * `serverFrames.message` writes (`row_to_json`: no spaces, unlike
 * `json_build_object`; a person's display name and avatar only when set;
 * the message's attachment or null), so a replay reads one text column per entry and
 * sends it as is. Bindings: room, after seq, limit.
 * `tests/functional/chat/replay_frames.spec.ts` holds the two encodings equal.
 */
export const FRAMES_AFTER = `
  SELECT messages.seq, row_to_json(frame)::text AS frame
  FROM messages
  JOIN users ON users.id = messages.user_id
  LEFT JOIN attachments ON attachments.id = messages.attachment_id
  CROSS JOIN LATERAL (
    SELECT
      'message' AS type,
      messages.room_id AS room,
      messages.seq,
      messages.id,
      (
        SELECT json_strip_nulls(row_to_json(author)) FROM (
          SELECT messages.user_id AS id, users.username,
            NULLIF(users.display_name, '') AS display_name, NULLIF(users.avatar_key, '') AS avatar
        ) author
      ) AS "user",
      messages.kind,
      messages.target_seq AS target,
      messages.body AS text,
      messages.body_html AS html,
      messages.client_id,
      ${isoTime('messages.created_at')} AS created_at,
      ${isoTime('messages.edited_at')} AS edited_at,
      messages.deleted_at IS NOT NULL AS deleted,
      CASE WHEN attachments.id IS NOT NULL THEN (
        SELECT row_to_json(file) FROM (
          SELECT attachments.id, attachments.name, attachments.mime_type AS type, attachments.size,
            attachments.width, attachments.height, attachments.thumbnail_key IS NOT NULL AS thumbnail
        ) file
      ) END AS attachment
  ) frame
  WHERE messages.room_id = ? AND messages.seq > ?
  ORDER BY messages.seq
  LIMIT ?`
