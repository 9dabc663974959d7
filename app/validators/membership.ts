import vine from '@vinejs/vine'
import { NOTIFICATION_LEVELS } from '#models/room_member'

/**
 * A change of a member's settings: `favourite` and/or `notificationLevel`
 * (at least one of them)
 */
export const updateMembershipValidator = vine.create({
  favourite: vine.boolean().optional().requiredIfMissing('notificationLevel'),
  notificationLevel: vine.enum(NOTIFICATION_LEVELS).optional(),
})
