import vine from '@vinejs/vine'

/**
 * A username typed into a form, as people write it: with or without its
 * "@" (pages show usernames as "@bob"), at most 32 characters after it
 */
export const typedUsername = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(33)
    .transform((name) => name.replace(/^@/, ''))
