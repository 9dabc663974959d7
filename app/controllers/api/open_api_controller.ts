import { openApiDocument } from '#services/api_docs/openapi_document'

/**
 * The OpenAPI 3.1 description of the JSON API (public: no token needed)
 */
export default class OpenApiController {
  /**
   * The document as JSON
   */
  show() {
    return openApiDocument()
  }
}
