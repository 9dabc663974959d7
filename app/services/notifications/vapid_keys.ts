import db from '@adonisjs/lucid/services/db'
import webpush from 'web-push'

/**
 * The instance's VAPID key pair (base64url), as browsers and web-push use it
 */
export type VapidKeyPair = { publicKey: string; privateKey: string }

/**
 * The instance's VAPID key pair: generated on first use and kept in
 * `web_push_keys`, so every web instance and every restart signs with the
 * same key (browsers' subscriptions are bound to the public key). Several
 * instances starting at once agree on the first row written.
 */
export async function vapidKeys(): Promise<VapidKeyPair> {
  const kept = await storedKeys()
  if (kept) return kept
  const generated = webpush.generateVAPIDKeys()
  await db
    .insertQuery()
    .table('web_push_keys')
    .insert({ id: 1, public_key: generated.publicKey, private_key: generated.privateKey })
    .knexQuery.onConflict('id')
    .ignore()
  return (await storedKeys())!
}

async function storedKeys() {
  const row = await db.from('web_push_keys').where('id', 1).first()
  return row ? { publicKey: row.public_key as string, privateKey: row.private_key as string } : null
}
