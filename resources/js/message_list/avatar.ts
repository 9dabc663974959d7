/**
 * Avatars without a picture show initials (components/people/avatar.edge, people/person_name.js)
 * on one of AVATAR_COLOURS colours (CSS classes `avatar-colour-0` … `avatar-colour-7`), the same
 * for a person everywhere
 */

/**
 * How many avatar colours the stylesheet defines
 */
export const AVATAR_COLOURS = 8

/**
 * The colour number (0 … AVATAR_COLOURS - 1) of user `userId`
 */
export function avatarColour(userId: number) {
  return ((userId % AVATAR_COLOURS) + AVATAR_COLOURS) % AVATAR_COLOURS
}
