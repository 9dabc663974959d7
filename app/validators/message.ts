import vine from '@vinejs/vine'

/**
 * A message posted by the no-JavaScript form: 1–4000 characters after
 * trimming, as the chat socket accepts; `client_id` makes a resubmit idempotent
 */
export const postMessageValidator = vine.create({
  text: vine.string().trim().minLength(1).maxLength(4000),
  client_id: vine.string().minLength(1).maxLength(64).optional(),
})
