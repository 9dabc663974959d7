import { createServer } from 'node:net'

/**
 * A port the OS reports free on 127.0.0.1 (for the embedded PostgreSQL,
 * test servers and the bench)
 */
export function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}
