import { createHash } from 'node:crypto'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'

/**
 * Reset links asked for per client IP within 15 minutes
 */
export const RESET_REQUESTS_PER_IP = 10

/**
 * Reset links asked for per address (existing or not) within an hour: no
 * one's inbox gets flooded
 */
export const RESET_REQUESTS_PER_ADDRESS = 3

/**
 * Reset and verification link submissions per client IP within 15 minutes
 */
export const LINK_USES_PER_IP = 20

/**
 * Verification mails a signed-in user may ask for again within an hour
 */
export const VERIFICATION_RESENDS_PER_USER = 3

/**
 * Consumes one request of `key` (limit `requests` per `duration`); past it,
 * E_TOO_MANY_REQUESTS (429) with the translated message
 */
async function consume(key: string, requests: number, duration: string) {
  try {
    await limiter.use({ requests, duration, blockDuration: duration }).consume(key)
  } catch (error) {
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
      const seconds = error.response.availableIn
      throw error
        .setMessage(`Too many requests. Try again in ${seconds} seconds.`)
        .t('mail.errors.throttled', { seconds })
    }
    throw error
  }
}

/**
 * Counts a reset request against its IP and its address (by hash: any
 * string fits the store's key)
 */
export async function throttleResetRequest(ip: string, email: string) {
  const address = createHash('sha256').update(email.toLowerCase()).digest('hex')
  await consume(`reset_ip_${ip}`, RESET_REQUESTS_PER_IP, '15 min')
  await consume(`reset_address_${address}`, RESET_REQUESTS_PER_ADDRESS, '1 hour')
}

/**
 * Counts a submitted reset or verification link against its IP
 */
export async function throttleLinkUse(ip: string) {
  await consume(`mail_link_${ip}`, LINK_USES_PER_IP, '15 min')
}

/**
 * Counts a new verification mail against the user
 */
export async function throttleVerificationResend(userId: number) {
  await consume(`verification_resend_${userId}`, VERIFICATION_RESENDS_PER_USER, '1 hour')
}
