import db from '@adonisjs/lucid/services/db'
import { inject } from '@adonisjs/core'
import User from '#models/user'
import { registerValidator, registerWithEmailValidator } from '#validators/user'
import { emailRequired } from '#config/mail'
import EmailVerificationService from '#services/account/email_verification_service'
import InviteService from '#services/invites/invite_service'
import InstanceAdminsService from '#services/moderation/instance_admins_service'
import InviteUnusableException from '#exceptions/invite_unusable_exception'
import { assertMaySignUp } from '#services/invites/registration_policy'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The invite token a sign-up request carries (query string or form field)
 */
function inviteTokenOf(value: unknown) {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 100) : undefined
}

/**
 * Self-registration, open, by invite link only, or closed (REGISTRATION)
 */
@inject()
export default class NewAccountController {
  constructor(
    protected invites: InviteService,
    protected verification: EmailVerificationService,
    protected admins: InstanceAdminsService
  ) {}

  /**
   * The registration form, saying who invited to what when it comes with
   * `?invite=TOKEN`; the refusal page when sign-up is not allowed
   */
  async create({ view, request, response }: HttpContext) {
    response.header('referrer-policy', 'same-origin')
    const token = inviteTokenOf(request.qs().invite)
    assertMaySignUp(token)
    const emailNeeded = emailRequired()
    if (!token) return view.render('pages/auth/register', { emailNeeded })
    const { invite, problem } = await this.invites.inspect(token)
    if (problem) throw new InviteUnusableException(problem)
    return view.render('pages/auth/register', { invite, inviteToken: token, emailNeeded })
  }

  /**
   * Creates the account (using one use of its invite, joining the invite's
   * room; the instance's first account is its admin), signs the person in
   * and mails a link to verify their address
   */
  async store({ request, response, auth, session, i18n }: HttpContext) {
    const token = inviteTokenOf(request.input('invite'))
    assertMaySignUp(token)
    const { username, password, email } = emailRequired()
      ? await request.validateUsing(registerWithEmailValidator)
      : await request.validateUsing(registerValidator)
    const { user, room } = await db.transaction(async (trx) => {
      const created = await User.create({ username, password, email }, { client: trx })
      await this.admins.promoteIfFirst(created, trx)
      const joined = token ? await this.invites.redeem(token, created, trx) : null
      return { user: created, room: joined }
    })
    await auth.use('web').login(user)
    this.verification.send(user, i18n)
    session.flash('success', i18n.t('flash.welcome', { username: user.username }))
    if (room) return response.redirect().toRoute('rooms.show', { id: room.id })
    return response.redirect().toRoute('rooms.index')
  }
}
