import { inject } from '@adonisjs/core'
import AdminDirectoryService from '#services/moderation/admin_directory_service'
import { adminDirectoryValidator } from '#validators/moderation'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The instance admin's page: accounts (deactivate, reactivate) and rooms,
 * each searchable
 */
@inject()
export default class AdminController {
  constructor(protected directory: AdminDirectoryService) {}

  /**
   * One of the two lists (`?list=rooms`, else accounts), searched by `q`
   */
  async index({ request, view, bouncer }: HttpContext) {
    await bouncer.authorize('administer')
    const { q, page } = await request.validateUsing(adminDirectoryValidator, {
      data: request.qs(),
    })
    const list = request.qs().list === 'rooms' ? 'rooms' : 'users'
    const rows =
      list === 'rooms'
        ? await this.directory.rooms(q, page ?? 1)
        : await this.directory.users(q, page ?? 1)
    rows.baseUrl(request.url()).queryString({ list, ...(q ? { q } : {}) })
    return view.render('pages/admin/index', { list, q, rows })
  }
}
