import vine from '@vinejs/vine'

/**
 * One username as people type it: an optional "@", then 1–32 letters,
 * digits, "_" or "-" (a deleted account's name can never match)
 */
const username = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(33)
    .regex(/^@?[A-Za-z0-9_-]{1,32}$/)
    .transform((name) => name.replace(/^@/, ''))

/**
 * Opening a direct conversation over the API: the other people's usernames
 */
export const openDirectMessageValidator = vine.create({
  usernames: vine.array(username()).minLength(1).maxLength(16),
})

/**
 * Opening a direct conversation from a form: people ticked on the "new
 * direct message" page and/or usernames typed in one field, separated by
 * commas or spaces (nobody at all is refused by the service, under the field)
 */
export const openDirectMessageFormValidator = vine.create({
  people: vine.array(username()).maxLength(16).optional(),
  usernames: vine
    .string()
    .trim()
    .maxLength(400)
    .regex(/^[@A-Za-z0-9_,\s-]*$/)
    .transform((names) =>
      names
        .split(/[\s,]+/)
        .filter((name) => name.length > 0)
        .map((name) => name.replace(/^@+/, ''))
    )
    .optional(),
})
