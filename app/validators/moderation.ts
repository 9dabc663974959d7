import vine from '@vinejs/vine'
import { MUTE_DURATIONS } from '#services/moderation/room_mutes_service'
import { typedUsername } from '#validators/typed_username'

/**
 * Choosing a room moderator, by username
 */
export const appointModeratorValidator = vine.create({
  username: typedUsername(),
})

/**
 * Muting someone in a room, by username, for one of the offered durations (minutes)
 */
export const muteValidator = vine.create({
  username: typedUsername(),
  minutes: vine.number().in([...MUTE_DURATIONS]),
})

/**
 * The admin's lists: an optional search and page, each list its own
 */
export const adminDirectoryValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
})
