import { join } from 'node:path'

/**
 * Longest socket path every platform's sockaddr_un holds (108 bytes on Linux,
 * 104 on macOS, each with its terminating NUL)
 */
const MAX_SOCKET_PATH = 103

/**
 * Folder for the embedded PostgreSQL's Unix socket: its own data directory
 * (only its owner reaches it), or null when the socket's path would not fit
 * in a socket address or cannot be written in `unix_socket_directories`
 */
export function socketDirectoryFor(dataDir: string, port: number) {
  const fits = Buffer.byteLength(join(dataDir, `.s.PGSQL.${port}`)) <= MAX_SOCKET_PATH
  return fits && !/[,"]/.test(dataDir) ? dataDir : null
}
