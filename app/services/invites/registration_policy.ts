import app from '@adonisjs/core/services/app'
import RegistrationRefusedException from '#exceptions/registration_refused_exception'

/**
 * Who may sign up (config/registration.ts)
 */
export type RegistrationMode = 'open' | 'invite' | 'closed'

/**
 * The registration mode in force
 */
export function registrationMode(): RegistrationMode {
  return app.config.get<RegistrationMode>('registration.mode', 'open')
}

/**
 * Refuses sign-up when the mode forbids it: always when `closed`, without
 * an invite token when `invite`
 */
export function assertMaySignUp(inviteToken: string | undefined) {
  const mode = registrationMode()
  if (mode === 'closed') throw new RegistrationRefusedException('closed')
  if (mode === 'invite' && !inviteToken) throw new RegistrationRefusedException('invite_required')
}
