import User from '#models/user'
import { registerValidator } from '#validators/user'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Self-registration
 */
export default class NewAccountController {
  /**
   * The registration form
   */
  async create({ view }: HttpContext) {
    return view.render('pages/auth/register')
  }

  /**
   * Creates the account and signs the person in
   */
  async store({ request, response, auth, session, i18n }: HttpContext) {
    const { username, password } = await request.validateUsing(registerValidator)
    const user = await User.create({ username, password })
    await auth.use('web').login(user)
    session.flash('success', i18n.t('flash.welcome', { username: user.username }))
    return response.redirect().toRoute('rooms.index')
  }
}
