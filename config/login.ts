/**
 * Logins
 */
const loginConfig = {
  /**
   * Logins waiting for a password check, per check that may run at once
   * (app/services/auth/password_check_queue.ts), beyond which a new login is
   * refused at once with a 503 (E_LOGIN_BUSY, Retry-After) instead of
   * queued: at ~50 ms a check, 256 waiting are ~13 s, past which a person
   * would rather retry than wait, and a flood cannot grow the queue in memory
   */
  waitingPasswordChecksPerSlot: 256,
}

export default loginConfig
