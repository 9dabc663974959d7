import { inject } from '@adonisjs/core'
import InviteService from '#services/invites/invite_service'
import InviteUnusableException from '#exceptions/invite_unusable_exception'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Following an invite link: `/invite/TOKEN`
 */
@inject()
export default class InvitesController {
  constructor(protected invites: InviteService) {}

  /**
   * Who invited to what: a guest is offered to register (or log in), a
   * signed-in user to join the room; a clear page when the link is unusable
   */
  async show({ params, view, auth, response }: HttpContext) {
    response.header('referrer-policy', 'same-origin')
    const { invite, problem } = await this.invites.inspect(params.token)
    if (problem) throw new InviteUnusableException(problem)
    return view.render('pages/invites/show', {
      invite,
      token: params.token,
      signedIn: auth.isAuthenticated,
    })
  }

  /**
   * A signed-in user joins the invite's room (one use of the invite)
   */
  async store({ params, response, auth, session, i18n }: HttpContext) {
    const room = await this.invites.accept(params.token, auth.getUserOrFail())
    if (!room) return response.redirect().toRoute('rooms.index')
    session.flash('success', i18n.t('flash.invite_accepted', { name: room.name }))
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }
}
