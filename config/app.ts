import env from '#start/env'
import { defineConfig } from '@adonisjs/core/http'
import { trustProxiesFrom } from '#helpers/trusted_proxies'

/**
 * Public URL of the app, used for absolute links and the WebSocket Origin check
 */
export const appUrl = env.get('APP_URL')

/**
 * Served over TLS (APP_URL is https): cookies get the Secure flag and HSTS is
 * sent. A plain-http install (a LAN, a classroom) keeps working logins.
 */
export const servedOverHttps = appUrl.startsWith('https://')

/**
 * HTTP server settings
 */
export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  trustProxy: trustProxiesFrom(env.get('TRUSTED_PROXIES')),
  /**
   * A comma in a query value is text (a search for "tea, coffee", an id list
   * a script sends), not an array: the framework's default splits it
   */
  qs: { parse: { comma: false } },
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: servedOverHttps,
    sameSite: 'lax',
  },
})
