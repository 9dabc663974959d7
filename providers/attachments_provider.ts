import edge from 'edge.js'
import { formatFileSize } from '#client/attachments/file_size'

/**
 * Shares what the attachment views need: `formatFileSize(bytes, locale)`
 */
export default class AttachmentsProvider {
  boot() {
    edge.global('formatFileSize', formatFileSize)
  }
}
