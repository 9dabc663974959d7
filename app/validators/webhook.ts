import vine from '@vinejs/vine'

/**
 * A new webhook: a name (the incoming one's bot is shown under it), and for
 * an outgoing one the URL messages are POSTed to
 */
export const createWebhookValidator = vine.create({
  direction: vine.enum(['incoming', 'outgoing'] as const),
  name: vine.string().trim().minLength(1).maxLength(64),
  url: vine
    .string()
    .trim()
    .maxLength(2000)
    .url({ require_tld: false, protocols: ['http', 'https'] })
    .optional()
    .requiredWhen('direction', '=', 'outgoing'),
})
