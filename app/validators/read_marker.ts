import vine from '@vinejs/vine'

/**
 * A read marker: the seq of the newest message the reader has seen
 */
export const markReadValidator = vine.create({
  seq: vine.number().withoutDecimals().min(0).max(Number.MAX_SAFE_INTEGER),
})
