import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'
import { isTrustedProxy } from '#services/trusted_proxies'

/**
 * Public URL of the app, used for absolute links and the WebSocket Origin check
 */
export const appUrl = env.get('APP_URL')

/**
 * HTTP server settings
 */
export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: false,
  trustProxy: isTrustedProxy,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
