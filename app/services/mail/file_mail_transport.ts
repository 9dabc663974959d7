import logger from '@adonisjs/core/services/logger'
import { JSONTransport } from '@adonisjs/mail/transports/json'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'
import { MailFolder } from '#services/mail/mail_folder'

/**
 * An address as nodemailer's JSON output spells it
 */
type JsonAddress = { address: string; name?: string }

/**
 * Formats an address as `Name <address>` or the bare address
 */
function formatAddress({ address, name }: JsonAddress) {
  return name ? `${name} <${address}>` : address
}

/**
 * A mail transport that never touches the network: each message is
 * written to a folder as JSON (read by the /dev/mail viewer and by tests).
 * In production it logs where the mail went, as nobody receives it.
 */
export class FileMailTransport implements MailTransportContract {
  #json = new JSONTransport()
  #folder: MailFolder

  constructor(
    folder: string,
    protected inProduction: boolean
  ) {
    this.#folder = new MailFolder(folder)
  }

  /**
   * Builds the message as nodemailer would send it, then stores it
   */
  async send(message: NodeMailerMessage) {
    const response = await this.#json.send(message)
    const built = JSON.parse(response.original.message) as {
      from?: JsonAddress
      to?: JsonAddress[]
      subject?: string
      text?: string
      html?: string
    }
    const stored = await this.#folder.write({
      date: new Date().toISOString(),
      from: built.from ? formatAddress(built.from) : '',
      to: (built.to ?? []).map(formatAddress),
      subject: built.subject ?? '',
      text: built.text ?? '',
      html: built.html ?? '',
    })
    if (this.inProduction) {
      logger.warn(
        { mail: stored.id, folder: this.#folder.path },
        'mail written to a file, not sent: set SMTP_HOST to deliver mail'
      )
    }
    return response
  }
}
