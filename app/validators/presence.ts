import vine from '@vinejs/vine'

/**
 * Whose presence a page asks for: up to 200 user ids, comma-separated
 */
export const presenceQueryValidator = vine.create({
  ids: vine
    .string()
    .maxLength(2200)
    .regex(/^\d{1,10}(,\d{1,10}){0,199}$/)
    .transform((ids) => [...new Set(ids.split(',').map(Number))]),
})
