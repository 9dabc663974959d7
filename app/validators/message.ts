import vine from '@vinejs/vine'

/**
 * A message posted by the no-JavaScript form: 1–4000 characters after
 * trimming, as the chat socket accepts; `client_id` makes a resubmit idempotent
 */
export const postMessageValidator = vine.create({
  text: vine.string().trim().minLength(1).maxLength(4000),
  client_id: vine.string().minLength(1).maxLength(64).optional(),
})

/**
 * A new text for a message (API), with the same limits as a new one
 */
export const editMessageValidator = vine.create({
  text: vine.string().trim().minLength(1).maxLength(4000),
  client_id: vine.string().minLength(1).maxLength(64).optional(),
})

/**
 * Deleting a message (API); `client_id` makes a retry idempotent
 */
export const deleteMessageValidator = vine.create({
  client_id: vine.string().minLength(1).maxLength(64).optional(),
})
