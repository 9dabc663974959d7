import { availableParallelism } from 'node:os'
import app from '@adonisjs/core/services/app'
import pLimit from 'p-limit'

/**
 * Password checks (scrypt, 16 MiB and tens of milliseconds of CPU each)
 * running at once: all cores but one, so a rush of logins (a class signing
 * in together) queues for the others and the event loop keeps a core for
 * the people already chatting
 */
export const PASSWORD_CHECKS_AT_ONCE = Math.max(1, availableParallelism() - 1)

/**
 * Runs a password check when a slot is free (at most PASSWORD_CHECKS_AT_ONCE
 * at a time, in arrival order)
 */
export const queuePasswordCheck = pLimit(PASSWORD_CHECKS_AT_ONCE)

/**
 * True when the queue is full: `login.waitingPasswordChecksPerSlot` checks
 * per slot already wait, and a new login is refused rather than queued
 */
export function passwordCheckQueueFull() {
  const perSlot = app.config.get<number>('login.waitingPasswordChecksPerSlot')
  return queuePasswordCheck.pendingCount >= perSlot * PASSWORD_CHECKS_AT_ONCE
}
