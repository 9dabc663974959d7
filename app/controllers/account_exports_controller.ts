import { inject } from '@adonisjs/core'
import AccountExportService from '#services/account/account_export_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * "Export my data": a JSON download, for the page and the API alike
 */
export default class AccountExportsController {
  /**
   * The signed-in user's data as an attachment
   */
  @inject()
  async show({ auth, response }: HttpContext, exporter: AccountExportService) {
    const user = auth.getUserOrFail()
    const document = await exporter.export(user)
    response.header('content-type', 'application/json; charset=utf-8')
    response.header('content-disposition', `attachment; filename="roomchat-${user.username}.json"`)
    response.header('cache-control', 'no-store')
    return response.send(JSON.stringify(document, null, 2))
  }
}
