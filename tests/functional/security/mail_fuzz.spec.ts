import fc from 'fast-check'
import { mailTasks } from '#helpers/background_tasks'
import MailLinkTokens, { type MailLinkPurpose } from '#services/account/mail_link_tokens'
import type User from '#models/user'
import {
  REFERER,
  body,
  form,
  formValue,
  fuzzEndpoints,
  pathSegment,
  type Endpoint,
} from '#tests/helpers/http_fuzz'

/**
 * A random token, or `valid`: a fresh real one for the user (given an address)
 */
const tokenValue = fc.oneof(fc.string({ maxLength: 200 }), fc.constant('valid'))

/**
 * The token to put in the URL: random, or a real one of `purpose`
 */
async function tokenFor(user: User, token: string, purpose: MailLinkPurpose) {
  if (token !== 'valid') return pathSegment(token || 'x')
  user.email = `fuzz-${user.id}@example.com`
  await user.save()
  return new MailLinkTokens().issue(user, purpose, user.email)
}

const endpoints: Endpoint[] = [
  {
    name: 'POST /forgot-password',
    cases: body(['email'], fc.oneof(formValue, fc.emailAddress())),
    send: async (client, input) => {
      const response = await form(client, 'post', '/forgot-password', input)
      await mailTasks.idle()
      return response
    },
  },
  {
    name: 'GET and POST /reset-password/:token',
    runs: 80,
    cases: fc.tuple(
      fc.constantFrom('get', 'post'),
      tokenValue,
      body(['password', 'passwordConfirmation'], formValue)
    ),
    send: async (client, [method, token, input], user) => {
      const path = `/reset-password/${await tokenFor(user, token, 'password_reset')}`
      return method === 'get' ? client.get(path).redirects(0) : form(client, 'post', path, input)
    },
    backIsSuccess: () => false,
  },
  {
    name: 'GET and POST /verify-email/:token',
    cases: fc.tuple(fc.constantFrom('get', 'post'), tokenValue),
    send: async (client, [method, token], user) => {
      const path = `/verify-email/${await tokenFor(user, token, 'email_verification')}`
      return method === 'get' ? client.get(path).redirects(0) : form(client, 'post', path, {})
    },
  },
  {
    name: 'PUT /account/email and POST /account/email/verification',
    runs: 80,
    cases: fc.tuple(
      fc.constantFrom('change', 'resend'),
      body(['email', 'emailPassword'], fc.oneof(formValue, fc.emailAddress()))
    ),
    send: async (client, [action, input], user) => {
      const response =
        action === 'change'
          ? await client
              .put('/account/email')
              .withCsrfToken()
              .header('referer', REFERER)
              .form(input)
              .redirects(0)
              .loginAs(user)
          : await client
              .post('/account/email/verification')
              .withCsrfToken()
              .header('referer', REFERER)
              .redirects(0)
              .loginAs(user)
      await mailTasks.idle()
      return response
    },
  },
  {
    name: 'GET /dev/mail/:mail and /dev/mail/:mail/html',
    cases: fc.tuple(fc.constantFrom('', '/html'), fc.string({ maxLength: 200 })),
    send: (client, [suffix, id]) => client.get(`/dev/mail/${pathSegment(id || 'x')}${suffix}`),
  },
]

fuzzEndpoints('Security: mail endpoints fuzzed with fast-check', endpoints)
