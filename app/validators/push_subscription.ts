import vine from '@vinejs/vine'

/** Unpadded or padded base64url, as browsers encode push keys */
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/

/**
 * The push service URL of a browser's subscription
 */
const endpoint = () =>
  vine
    .string()
    .trim()
    .maxLength(1000)
    .url({ require_protocol: true, protocols: ['https', 'http'], require_tld: false })

/**
 * A browser's push subscription, as `PushSubscription.toJSON()` gives it:
 * its endpoint and its keys (an uncompressed P-256 point, 65 bytes, and a
 * 16-byte secret)
 */
export const pushSubscriptionValidator = vine.create({
  endpoint: endpoint(),
  keys: vine.object({
    p256dh: vine.string().minLength(86).maxLength(90).regex(BASE64URL),
    auth: vine.string().minLength(22).maxLength(24).regex(BASE64URL),
  }),
})

/**
 * Which subscription to forget
 */
export const pushUnsubscriptionValidator = vine.create({
  endpoint: endpoint(),
})
