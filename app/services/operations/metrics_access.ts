import { timingSafeEqual } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import type metricsConfig from '#config/metrics'

/**
 * Who may scrape metrics: nobody while METRICS_TOKEN is unset (`disabled`,
 * answered 404), else only `Authorization: Bearer <METRICS_TOKEN>`
 * (`refused` → 401). Shared by the web app's /metrics and the standalone chat's.
 */
export function metricsAccess(authorization: string | undefined) {
  const expected = app.config.get<typeof metricsConfig>('metrics').token
  if (!expected) {
    return 'disabled' as const
  }
  const given = authorization?.replace(/^Bearer\s+/i, '') ?? ''
  return sameSecret(given, expected) ? ('granted' as const) : ('refused' as const)
}

/**
 * The JSON error bodies of a disabled or refused scrape
 */
export const metricsErrors = {
  disabled: { errors: [{ code: 'E_NOT_FOUND', message: 'Metrics are disabled' }] },
  refused: { errors: [{ code: 'E_UNAUTHORIZED_ACCESS', message: 'Bad metrics token' }] },
}

/**
 * Constant-time comparison of two secrets
 */
function sameSecret(given: string, expected: string) {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
