import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'
import { FileMailTransport } from '#services/mail/file_mail_transport'

/**
 * Where the file mailer writes mails (MAIL_DIR, default tmp/mail)
 */
export const mailFolder = app.makePath(env.get('MAIL_DIR', 'tmp/mail'))

/**
 * The mailer in use: MAIL_MAILER, else SMTP when SMTP_HOST is set, else files
 */
export const mailerName = env.get('MAIL_MAILER') ?? (env.get('SMTP_HOST') ? 'smtp' : 'file')

const smtpHost = env.get('SMTP_HOST')
if (mailerName === 'smtp' && !smtpHost) {
  throw new Error(
    'MAIL_MAILER=smtp needs SMTP_HOST (and usually SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD)'
  )
}
const smtpUser = env.get('SMTP_USERNAME')
const smtpPassword = env.get('SMTP_PASSWORD')

/**
 * Mail through @adonisjs/mail: SMTP when configured, otherwise a folder of
 * JSON files shown at /dev/mail outside production (never the network)
 */
const mailConfig = defineConfig({
  default: mailerName,
  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'roomchat@localhost'),
    name: env.get('MAIL_FROM_NAME', 'Roomchat'),
  },
  mailers: {
    smtp: transports.smtp({
      host: smtpHost ?? 'localhost',
      port: env.get('SMTP_PORT', 587),
      secure: env.get('SMTP_SECURE', false),
      ...(smtpUser && smtpPassword
        ? { auth: { type: 'login' as const, user: smtpUser, pass: smtpPassword.release() } }
        : {}),
    }),
    file: () => new FileMailTransport(mailFolder, app.inProduction),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}

/**
 * E-mail addresses on accounts: required at sign-up (EMAIL_REQUIRED, or
 * implied by required verification) and whether they are verified by a
 * mailed link (`required`: no use of the app before; `optional`: a link is
 * sent, nothing waits for it; `off`). Read per request, so tests can switch.
 */
export const accountEmail = {
  required: env.get('EMAIL_REQUIRED', false),
  verification: env.get('EMAIL_VERIFICATION', 'optional'),
}

/**
 * Whether sign-up and the account page insist on an address
 */
export function emailRequired() {
  return accountEmail.required || accountEmail.verification === 'required'
}
