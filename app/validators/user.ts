import vine from '@vinejs/vine'
import { freeEmailAddress } from '#validators/email'

/**
 * 3–32 letters, digits, "_" or "-"
 */
const username = () =>
  vine
    .string()
    .minLength(3)
    .maxLength(32)
    .regex(/^[A-Za-z0-9_-]+$/)

/**
 * 8–128 characters
 */
const password = () => vine.string().minLength(8).maxLength(128)

/**
 * Self-registration: the username (and e-mail address, if given) must be
 * free, ignoring case
 */
export const registerValidator = vine.create({
  username: username().unique({ table: 'users', column: 'username', caseInsensitive: true }),
  password: password().confirmed({ confirmationField: 'passwordConfirmation' }),
  email: freeEmailAddress().optional(),
})

/**
 * Self-registration when the operator requires an e-mail address
 */
export const registerWithEmailValidator = vine.create({
  username: username().unique({ table: 'users', column: 'username', caseInsensitive: true }),
  password: password().confirmed({ confirmationField: 'passwordConfirmation' }),
  email: freeEmailAddress(),
})

/**
 * Login and token requests: shape only, credentials are checked afterwards
 */
export const credentialsValidator = vine.create({
  username: vine.string().maxLength(32),
  password: vine.string().maxLength(128),
})

/**
 * A new password on the account page: asks the current one too
 */
export const changePasswordValidator = vine.create({
  currentPassword: vine.string().maxLength(128),
  password: password().confirmed({ confirmationField: 'passwordConfirmation' }),
})

/**
 * Deleting an account: asks the password
 */
export const deleteAccountValidator = vine.create({
  password: vine.string().maxLength(128),
})

/**
 * Deleting the account from the account page (its own field name: the page
 * also has the new-password field `password`)
 */
export const deleteAccountFormValidator = vine.create({
  deletePassword: vine.string().maxLength(128),
})

/**
 * The new password set with a reset link
 */
export const resetPasswordValidator = vine.create({
  password: password().confirmed({ confirmationField: 'passwordConfirmation' }),
})
