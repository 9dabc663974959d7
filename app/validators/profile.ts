import vine from '@vinejs/vine'

/**
 * Whether `zone` is an IANA time zone this server knows
 */
export function isTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/**
 * A display name: trimmed, at most 64 characters, without control
 * characters or bidirectional overrides (which could hide or reorder the
 * text around it); empty means none (the username is shown)
 */
const displayName = () =>
  vine
    .string()
    .trim()
    .maxLength(64)
    .regex(/^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u)
    .transform((name: string | null) => (name ? name : null))

/**
 * An IANA time zone name such as "Asia/Ho_Chi_Minh"
 */
const timeZone = () =>
  vine
    .string()
    .maxLength(64)
    .regex(/^[A-Za-z0-9_+\-/]+$/)
    .use(
      vine.createRule((value, _, field) => {
        if (typeof value === 'string' && !isTimeZone(value)) {
          field.report('The {{ field }} field must be a known time zone', 'timeZone', field)
        }
      })()
    )

/**
 * The profile form of the account page
 */
export const updateProfileValidator = vine.create({
  displayName: displayName().optional(),
})

/**
 * The time zone the browser reports
 */
export const updateTimeZoneValidator = vine.create({
  timeZone: timeZone(),
})

/**
 * The profile over the API: either field, or both
 */
export const updateProfileApiValidator = vine.create({
  displayName: displayName().nullable().optional(),
  timeZone: timeZone().nullable().optional(),
})
