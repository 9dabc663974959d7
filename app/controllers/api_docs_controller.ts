import type { HttpContext } from '@adonisjs/core/http'
import { API_OPERATIONS } from '#services/api_docs/operations'

/**
 * The JSON API's reference as a page, from the same operations as the
 * OpenAPI document
 */
export default class ApiDocsController {
  /**
   * Every operation with its parameters, body, answer and errors
   */
  show({ view }: HttpContext) {
    return view.render('pages/api_docs', { operations: API_OPERATIONS })
  }
}
