import vine from '@vinejs/vine'
import { EMOJI_PATTERN } from '#chat/index'
import { MAX_ROW_ID, rowIdField } from '#helpers/row_id'

/**
 * A message posted by the no-JavaScript form: 1–4000 characters after
 * trimming, as the chat socket accepts; `client_id` makes a resubmit idempotent
 */
export const postMessageValidator = vine.create({
  text: vine.string().trim().minLength(1).maxLength(4000),
  client_id: vine.string().minLength(1).maxLength(64).optional(),
  reply_to: rowIdField().optional(),
})

/**
 * The caption of a message with a file (the composer's form or its upload
 * script): empty or up to 4000 characters after trimming
 */
export const postFileMessageValidator = vine.create({
  text: vine.string().trim().maxLength(4000).optional(),
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

/**
 * Most log entries one API page holds
 */
export const MAX_LOG_PAGE = 500

/**
 * A page of a room's log (API): entries after seq `since` (ascending) or
 * before seq `before` (descending; the newest without either), `limit` of them
 */
export const messageLogValidator = vine.create({
  since: vine.number().withoutDecimals().min(0).max(MAX_ROW_ID).optional(),
  before: rowIdField().optional(),
  limit: vine.number().withoutDecimals().min(1).max(MAX_LOG_PAGE).optional(),
})

/**
 * A message posted by an API client; the `Idempotency-Key` header makes a
 * retry safe
 */
export const apiPostMessageValidator = vine.create({
  text: vine.string().trim().minLength(1).maxLength(4000),
  reply_to: rowIdField().optional(),
})

/**
 * A page of a thread's replies: those before seq `before`, `limit` of them (1–100)
 */
export const repliesPageValidator = vine.create({
  before: rowIdField().optional(),
  limit: vine.number().withoutDecimals().min(1).max(100).optional(),
})

/**
 * The `Idempotency-Key` header: what a `client_id` may be (1–64 characters)
 */
export const idempotencyKeyValidator = vine.create({
  'Idempotency-Key': vine.string().minLength(1).maxLength(64).optional(),
})

/**
 * Pinning a message of the room (browser form and API): its seq, and an
 * optional client id making a retry idempotent
 */
export const pinMessageValidator = vine.create({
  seq: rowIdField(),
  client_id: vine.string().minLength(1).maxLength(64).optional(),
})

/**
 * A reaction: one Unicode emoji (the chat's EMOJI_PATTERN), and an optional
 * client id making a retry idempotent
 */
export const reactionValidator = vine.create({
  emoji: vine.string().maxLength(32).regex(EMOJI_PATTERN),
  client_id: vine.string().minLength(1).maxLength(64).optional(),
})
