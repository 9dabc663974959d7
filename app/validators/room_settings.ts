import vine from '@vinejs/vine'
import { typedUsername } from '#validators/typed_username'

/**
 * New settings of a room, each optional (what is left out stays): name
 * 1–64 characters (free in its scope: the service checks, like room
 * creation's rule), topic (the room's description) up to 500 characters
 * (empty: none), visibility, and `archived` (the API; forms use the
 * archive buttons)
 */
export const updateRoomSettingsValidator = vine.create({
  name: vine.string().trim().minLength(1).maxLength(64).optional(),
  description: vine.string().trim().maxLength(500).nullable().optional(),
  visibility: vine.enum(['public', 'private'] as const).optional(),
  archived: vine.boolean().optional(),
})

/**
 * Handing a room to another member, by username
 */
export const transferRoomValidator = vine.create({
  username: typedUsername(),
})
