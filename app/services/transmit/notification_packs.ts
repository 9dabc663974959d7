/** NOTIFY payloads must stay below 8000 bytes */
export const MAX_NOTIFY_BYTES = 7999

/**
 * One message a process published: its channel and its JSON
 */
export type PublishedMessage = { channel: string; encoded: string }

/**
 * One NOTIFY to send: its channel and payload
 */
export type Notification = { channel: string; payload: string }

/** Envelope sizes by bus id, measured once: a process has one id per transport */
const envelopes = new Map<string, number>()

/**
 * The bytes `{"busId":…,"payloads":[]}` adds around the messages it carries
 */
function envelopeBytes(busId: string) {
  let bytes = envelopes.get(busId)
  if (bytes === undefined) {
    bytes = Buffer.byteLength(JSON.stringify({ busId, payloads: [] }))
    envelopes.set(busId, bytes)
  }
  return bytes
}

/**
 * Whether a message fits in a notification on its own
 */
export function fitsOneNotification(busId: string, encoded: string) {
  return envelopeBytes(busId) + Buffer.byteLength(encoded) <= MAX_NOTIFY_BYTES
}

/**
 * Packs the messages of one tick into as few notifications as NOTIFY's size
 * allows: each is `{ busId, payloads: [...] }` with messages of one channel,
 * in the order they were published (PostgreSQL delivers a transaction's
 * notifications in the order they were sent). Every message must fit alone
 * (fitsOneNotification). A message to each member of a room is one
 * notification for dozens of members instead of one each.
 */
export function packNotifications(busId: string, messages: PublishedMessage[]): Notification[] {
  const envelope = envelopeBytes(busId)
  const open = new Map<string, { encoded: string[]; bytes: number }>()
  const packs: Notification[] = []
  const seal = (channel: string, encoded: string[]) => {
    packs.push({
      channel,
      payload: `{"busId":${JSON.stringify(busId)},"payloads":[${encoded.join(',')}]}`,
    })
  }
  for (const { channel, encoded } of messages) {
    const bytes = Buffer.byteLength(encoded)
    const pack = open.get(channel)
    if (pack && pack.bytes + 1 + bytes <= MAX_NOTIFY_BYTES) {
      pack.encoded.push(encoded)
      pack.bytes += 1 + bytes
      continue
    }
    if (pack) seal(channel, pack.encoded)
    open.set(channel, { encoded: [encoded], bytes: envelope + bytes })
  }
  for (const [channel, pack] of open) seal(channel, pack.encoded)
  return packs
}
