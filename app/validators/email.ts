import vine from '@vinejs/vine'

/**
 * An e-mail address, trimmed, at most 254 characters
 */
const emailAddress = () => vine.string().trim().maxLength(254).email()

/**
 * An address no other account uses, ignoring case (`meta.userId`: the
 * account changing its own)
 */
export const freeEmailAddress = () =>
  emailAddress().unique({
    table: 'users',
    column: 'email',
    caseInsensitive: true,
    filter: (query, _value, field) => {
      const userId = (field.meta as { userId?: number }).userId
      if (userId !== undefined) query.whereNot('id', userId)
    },
  })

/**
 * Asking for a password reset link
 */
export const forgotPasswordValidator = vine.create({
  email: emailAddress(),
})

/**
 * A new address (empty: none) on the account page, with the current password (`emailPassword`: the page's
 * password form has its own `currentPassword`)
 */
export const changeEmailValidator = vine.create({
  email: freeEmailAddress().optional(),
  emailPassword: vine.string().maxLength(128),
})
