import env from '#start/env'

/**
 * Who may sign up: anyone (`open`), only with a valid invite link
 * (`invite`), or nobody (`closed`). Read per request from
 * `registration.mode`, so tests can switch it.
 */
const registrationConfig = {
  mode: env.get('REGISTRATION', 'open'),
}

export default registrationConfig
