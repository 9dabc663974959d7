import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import SidebarService from '#services/rooms/sidebar_service'
import DirectSidebarService from '#services/people/direct_sidebar_service'

/**
 * Gives pages `sidebarRooms()` and `sidebarDirect()`: the signed-in user's
 * rooms and direct conversations for the layout's sidebar, read only when a
 * page renders it (null for guests)
 */
export default class ShareSidebarMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.view.share({
      sidebarRooms: async () => {
        const user = ctx.auth.user
        if (!user) return null
        const sidebar = await ctx.containerResolver.make(SidebarService)
        return sidebar.rooms(user.id)
      },
      sidebarDirect: async () => {
        const user = ctx.auth.user
        if (!user) return null
        const direct = await ctx.containerResolver.make(DirectSidebarService)
        return direct.conversations(user)
      },
    })
    return next()
  }
}
