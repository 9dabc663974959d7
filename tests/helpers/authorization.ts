import env from '#start/env'
import type { ApiRequest } from '@japa/api-client'
import type User from '#models/user'

/**
 * The in-process chat of the test server
 */
export const chatUrl = `ws://${env.get('HOST')}:${env.get('PORT')}/ws`

/**
 * Signs the request in for the page surface (session) or the API (bearer token)
 */
export function as(request: ApiRequest, actor: { user: User | null }, guard: 'web' | 'api') {
  return actor.user ? request.withGuard(guard).loginAs(actor.user) : request
}
