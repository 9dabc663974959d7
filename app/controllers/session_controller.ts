import { credentialsValidator } from '#validators/user'
import { verifyCredentialsThrottled } from '#services/auth/login_throttle'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { setRateLimitHeaders } from '#exceptions/rate_limit_headers'
import { inject } from '@adonisjs/core'
import ChatSignOutService from '#services/chat/chat_sign_out_service'
import { sessionCredential } from '#services/chat/chat_credentials'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Logging in and out of the browser session
 */
export default class SessionController {
  /**
   * The login form
   */
  async create({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  /**
   * Checks the credentials (rate-limited) and starts a fresh session
   */
  async store(ctx: HttpContext) {
    const { request, auth, response, view } = ctx
    const { username, password } = await request.validateUsing(credentialsValidator)
    try {
      const user = await verifyCredentialsThrottled(request.ip(), username, password)
      await auth.use('web').login(user)
      return response.redirect().toRoute('rooms.index')
    } catch (error) {
      if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
        response.status(429)
        setRateLimitHeaders(error, response)
        const throttleMessage = error.getResponseMessage(ctx)
        return view.render('pages/auth/login', { throttleMessage, username })
      }
      throw error
    }
  }

  /**
   * Ends the session, and with it the chat sockets it opened
   */
  @inject()
  async destroy({ auth, response, session, i18n }: HttpContext, chat: ChatSignOutService) {
    const user = auth.use('web').getUserOrFail()
    await auth.use('web').logout()
    await chat.signOut(user.id, sessionCredential(session.sessionId))
    session.flash('success', i18n.t('flash.logged_out'))
    return response.redirect().toRoute('session.create')
  }
}
