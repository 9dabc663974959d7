import { totalmem } from 'node:os'

/** PostgreSQL's own default, for machines too small to spare more */
const MIN_SHARED_BUFFERS_MB = 128

/** Enough for the tables and search indexes of a few million messages */
const MAX_SHARED_BUFFERS_MB = 2048

/**
 * shared_buffers of the embedded PostgreSQL, in MB: an eighth of
 * `memoryBytes` (what this machine or its container's limit allows; the
 * app and the OS's page cache need the rest), between 128 MB and 2 GB
 */
export function embeddedSharedBuffersMb(
  memoryBytes = Math.min(totalmem(), process.constrainedMemory())
) {
  const eighth = Math.floor(memoryBytes / 8 / 2 ** 20)
  return Math.min(MAX_SHARED_BUFFERS_MB, Math.max(MIN_SHARED_BUFFERS_MB, eighth))
}
