import { createHash } from 'node:crypto'
import type { AccessToken } from '@adonisjs/auth/access_tokens'

/**
 * The sign-in a chat ticket is minted for, as the chat stores it: a browser
 * session by the hash of its id (the id itself is a secret), an API token by
 * its row id
 */
export function sessionCredential(sessionId: string) {
  return `session:${createHash('sha256').update(sessionId).digest('hex')}`
}

/**
 * The sign-in key of an API access token (see sessionCredential)
 */
export function tokenCredential(token: AccessToken) {
  return tokenIdCredential(token.identifier)
}

/**
 * The sign-in key of the API access token with row id `id`
 */
export function tokenIdCredential(id: AccessToken['identifier']) {
  return `token:${String(id)}`
}
