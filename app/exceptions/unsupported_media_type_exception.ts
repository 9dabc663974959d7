import { Exception } from '@adonisjs/core/exceptions'

/**
 * A JSON API request whose body is not JSON (nor an HTML form): refused
 * rather than read as an empty body
 */
export default class UnsupportedMediaTypeException extends Exception {
  static status = 415
  static code = 'E_UNSUPPORTED_MEDIA_TYPE'
  static message = 'Send the request body as JSON, with the header Content-Type: application/json'
}
