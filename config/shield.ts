import { servedOverHttps } from '#config/app'
import { defineConfig } from '@adonisjs/shield'

/**
 * Security headers and CSRF protection. The CSP allows no inline scripts;
 * WebSocket connections may go to any ws/wss host because the chat service
 * can run on its own origin (CHAT_PUBLIC_URL); the ticket and Origin checks
 * guard them.
 */
const shieldConfig = defineConfig({
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`],
      styleSrc: [`'self'`],
      imgSrc: [`'self'`, 'data:'],
      connectSrc: [`'self'`, 'ws:', 'wss:'],
      frameAncestors: [`'none'`],
      baseUri: [`'self'`],
      formAction: [`'self'`],
      objectSrc: [`'none'`],
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    exceptRoutes: (ctx) => {
      const url = ctx.request.url()
      return url.startsWith('/api/') || url.startsWith('/__transmit/')
    },
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: {
    enabled: true,
    action: 'DENY',
  },
  hsts: {
    enabled: servedOverHttps,
    maxAge: '365 days',
  },
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
