import { mailFolder } from '#config/mail'
import { mailTasks } from '#helpers/background_tasks'
import { MailFolder, type StoredMail } from '#services/mail/mail_folder'

const folder = new MailFolder(mailFolder)

/**
 * The test mailbox: what the file mailer wrote, once every mail task of
 * this process has ended
 */
export const mailbox = {
  /**
   * Waits for running mail tasks, then empties the folder
   */
  async clear() {
    await mailTasks.idle()
    await folder.clear()
  },

  /**
   * Every mail to `address`, oldest first
   */
  async to(address: string): Promise<StoredMail[]> {
    await mailTasks.idle()
    const mails = await folder.list()
    return mails.filter((mail) => mail.to.includes(address)).reverse()
  },

  /**
   * Every mail written, oldest first
   */
  async all(): Promise<StoredMail[]> {
    await mailTasks.idle()
    const mails = await folder.list()
    return mails.reverse()
  },
}

/**
 * The path of the link to `prefix` (e.g. `/reset-password/`) in a mail's
 * text, checking it is absolute on APP_URL and the HTML has the same one
 */
export function linkIn(mail: StoredMail, prefix: string) {
  const match = mail.text.match(new RegExp(`(https?://[^/\\s]+)(${prefix}[A-Za-z0-9_-]+)`))
  if (!match) throw new Error(`no ${prefix} link in mail "${mail.subject}"`)
  if (!mail.html.includes(`href="${match[0]}"`)) throw new Error('the HTML has another link')
  return match[2]
}
