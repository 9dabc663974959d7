import vine from '@vinejs/vine'
import { rowIdField } from '#helpers/row_id'
import { typedUsername } from '#validators/typed_username'

/**
 * A new room: name 1–64 chars, free ignoring case among public rooms (a
 * public room) or among the owner's private rooms (a private one; direct
 * conversations are no rooms), so a private room the owner cannot see never
 * blocks a name; description ≤ 500;
 * visibility public (the default) or private. `meta.ownerId`: who creates it.
 */
export const createRoomValidator = vine.withMetaData<{ ownerId: number }>().create({
  name: vine
    .string()
    .minLength(1)
    .maxLength(64)
    .unique({
      table: 'rooms',
      column: 'name',
      caseInsensitive: true,
      filter: (query, _name, field) => {
        query.where('kind', 'room')
        if (field.parent.visibility === 'private') {
          query.where('visibility', 'private').where('owner_id', field.meta.ownerId)
        } else {
          query.where('visibility', 'public')
        }
      },
    }),
  description: vine.string().maxLength(500).optional(),
  visibility: vine.enum(['public', 'private'] as const).optional(),
})

/**
 * Inviting someone to a private room, by username
 */
export const inviteMemberValidator = vine.create({
  username: typedUsername(),
})

/**
 * Rooms list query string: optional search term and page number
 */
export const searchRoomsValidator = vine.create({
  q: vine.string().maxLength(64).optional(),
  page: vine.number().withoutDecimals().min(1).max(10_000).optional(),
})

/**
 * Browse-rooms page query string: optional search term, order and page number
 */
export const browseRoomsValidator = vine.create({
  q: vine.string().maxLength(64).optional(),
  sort: vine.enum(['activity', 'name'] as const).optional(),
  page: vine.number().withoutDecimals().min(1).max(10_000).optional(),
})

/**
 * Room page query string: `before` pages back through the log
 */
export const showRoomValidator = vine.create({
  before: rowIdField().optional(),
})
