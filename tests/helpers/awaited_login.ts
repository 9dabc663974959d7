import { decoratorsCollection } from '@japa/browser-client'
import type { ApplicationService } from '@adonisjs/core/types'
import type { PluginFn } from '@japa/runner/types'
import type User from '#models/user'

/**
 * `browserContext.loginAs(user)` (web guard) that resolves once the browser holds the
 * session. The one @adonisjs/auth's browser plugin defines starts setting the
 * cookie and the session without awaiting either, so a page visited right
 * after it could go out before them: under load the page redirected to
 * /login (seen as a room page without its online list, a members page without
 * its links). Registered after that plugin, this definition replaces its own.
 */
export function awaitedLoginBrowserClient(app: ApplicationService): PluginFn {
  return async () => {
    const auth = await app.container.make('auth.manager')
    decoratorsCollection.register({
      context(context) {
        context.loginAs = async (user: User) => {
          const client = await auth
            .createAuthenticatorClient()
            .use('web')
            .authenticateAsClient(user)
          for (const [name, value] of Object.entries(client.cookies ?? {})) {
            await context.setCookie(name, value)
          }
          if (client.session) await context.setSession(client.session)
        }
      },
    })
  }
}
