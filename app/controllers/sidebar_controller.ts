import type { HttpContext } from '@adonisjs/core/http'

/**
 * The sidebar's lists as HTML fragments, which its script swaps in when the
 * user's rooms, conversations or badges changed
 */
export default class SidebarController {
  /**
   * The rooms list of the signed-in user's sidebar
   */
  async show({ view, response }: HttpContext) {
    response.header('cache-control', 'no-store')
    return view.render('partials/sidebar/rooms')
  }

  /**
   * The direct conversations of the signed-in user's sidebar
   */
  async direct({ view, response }: HttpContext) {
    response.header('cache-control', 'no-store')
    return view.render('partials/sidebar/direct_list')
  }
}
