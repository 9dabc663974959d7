import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'

/**
 * A mail as the file transport keeps it: one JSON file per message
 */
export type StoredMail = {
  id: string
  date: string
  from: string
  to: string[]
  subject: string
  text: string
  html: string
}

/**
 * File names of stored mails: a sortable time, then randomness
 */
const MAIL_FILE = /^(\d{13}-[0-9a-f]{12})\.json$/

/**
 * A folder of mails written instead of sending them (development, tests,
 * or an install without SMTP): writes, lists newest first, reads, empties
 */
export class MailFolder {
  constructor(readonly path: string) {}

  /**
   * Stores a mail; returns it with its new id
   */
  async write(mail: Omit<StoredMail, 'id'>): Promise<StoredMail> {
    const id = `${Date.now()}-${randomBytes(6).toString('hex')}`
    const stored = { id, ...mail }
    await mkdir(this.path, { recursive: true })
    await writeFile(join(this.path, `${id}.json`), JSON.stringify(stored, null, 2))
    return stored
  }

  /**
   * Every stored mail, newest first
   */
  async list(): Promise<StoredMail[]> {
    const stored = await this.#ids()
    const ids = stored.sort().reverse()
    const mails = await Promise.all(ids.map((id) => this.find(id)))
    return mails.filter((mail): mail is StoredMail => mail !== null)
  }

  /**
   * The mail with this id, or null (unknown or malformed ids included)
   */
  async find(id: string): Promise<StoredMail | null> {
    if (!MAIL_FILE.test(`${id}.json`)) return null
    try {
      return JSON.parse(await readFile(join(this.path, `${id}.json`), 'utf8')) as StoredMail
    } catch {
      return null
    }
  }

  /**
   * Deletes every stored mail
   */
  async clear() {
    for (const id of await this.#ids()) {
      await rm(join(this.path, `${id}.json`), { force: true })
    }
  }

  async #ids() {
    const names = await readdir(this.path).catch(() => [] as string[])
    return names.flatMap((name) => MAIL_FILE.exec(name)?.[1] ?? [])
  }
}
