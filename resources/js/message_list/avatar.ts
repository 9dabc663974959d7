/**
 * Initials avatars (until people have pictures): up to two letters and one of AVATAR_COLOURS
 * colours (CSS classes `avatar-0` … `avatar-7`), the same for a person everywhere
 */

/**
 * How many avatar colours the stylesheet defines
 */
export const AVATAR_COLOURS = 8

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * "AL" for "alice_lee", "B" for "bob": the first letters of the first two words of a name ("?" for none)
 */
export function avatarInitials(name: string) {
  const initials = name
    .split(/[\s_.-]+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => graphemes.segment(word)[Symbol.iterator]().next().value!.segment)
    .join('')
  return initials.toLocaleUpperCase() || '?'
}

/**
 * The colour number (0 … AVATAR_COLOURS - 1) of user `userId`
 */
export function avatarColour(userId: number) {
  return ((userId % AVATAR_COLOURS) + AVATAR_COLOURS) % AVATAR_COLOURS
}
