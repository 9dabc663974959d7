import vine from '@vinejs/vine'

/**
 * A room owner's new invite link: 1–1000 uses, valid 1–90 days
 */
export const createInviteValidator = vine.create({
  maxUses: vine.number().withoutDecimals().min(1).max(1000),
  expiresInDays: vine.number().withoutDecimals().min(1).max(90),
})
