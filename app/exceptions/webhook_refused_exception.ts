import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Why a webhook could not be created
 */
type WebhookRefusal =
  | 'E_WEBHOOK_URL_INVALID'
  | 'E_WEBHOOK_TARGET_PRIVATE'
  | 'E_WEBHOOK_HOST_UNKNOWN'
  | 'E_TOO_MANY_WEBHOOKS'

const MESSAGES: Record<WebhookRefusal, { message: string; field: string }> = {
  E_WEBHOOK_URL_INVALID: {
    message: 'The URL must be http or https, without a user name or password',
    field: 'url',
  },
  E_WEBHOOK_TARGET_PRIVATE: {
    message: 'The URL reaches a loopback, private or reserved address',
    field: 'url',
  },
  E_WEBHOOK_HOST_UNKNOWN: {
    message: 'The URL’s host name could not be found',
    field: 'url',
  },
  E_TOO_MANY_WEBHOOKS: { message: 'This room has as many webhooks as it may', field: 'name' },
}

/**
 * A webhook refused: forms show it under its field, the API answers 422
 * with `field`
 */
export default class WebhookRefusedException extends Exception {
  static status = 422

  /** The request field the error belongs to */
  readonly field: string

  constructor(readonly refusal: WebhookRefusal) {
    super(MESSAGES[refusal].message, { code: refusal })
    this.field = MESSAGES[refusal].field
  }

  /**
   * Back to the form with the message under its field
   */
  async handle(error: this, ctx: HttpContext) {
    ctx.session.flashExcept(['_csrf', '_method'])
    ctx.session.flash('inputErrorsBag', {
      [error.field]: [ctx.i18n.t(`webhooks.refusals.${error.refusal}`)],
    })
    return ctx.response.redirect().back()
  }
}
