import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import ece from 'http_ece'

/** How long to wait for an expected push before the test fails */
const PUSH_TIMEOUT_MS = 8000

/**
 * One push message a receiver got: its headers, its body decrypted with
 * the browser's keys, and the VAPID token checked against `vapidPublicKey`
 */
export type ReceivedPush = {
  path: string
  headers: Record<string, string | string[] | undefined>
  payload: any
  vapid: { claims: Record<string, unknown>; key: string; signatureValid: boolean }
}

/**
 * A browser's side of a push subscription: its ECDH key pair and auth secret
 */
export class FakeBrowserKeys {
  readonly ecdh: ECDH = createECDH('prime256v1')
  readonly auth = randomBytes(16).toString('base64url')
  readonly p256dh: string

  constructor() {
    this.p256dh = this.ecdh.generateKeys().toString('base64url')
  }
}

/**
 * A push service on loopback (plain HTTP): records what web-push sends to
 * each subscription path and answers with the status set for that path
 */
export class PushReceiver {
  readonly received: ReceivedPush[] = []
  readonly #statuses = new Map<string, number>()
  readonly #browsers = new Map<string, FakeBrowserKeys>()
  #waiters: Array<() => void> = []

  private constructor(private readonly server: Server) {}

  /**
   * Starts a receiver on 127.0.0.1 on a free port
   */
  static async start() {
    let receiver: PushReceiver
    const server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const path = request.url ?? '/'
        receiver.#record(path, request.headers, Buffer.concat(chunks))
        response.statusCode = receiver.#statuses.get(path) ?? 201
        response.end()
      })
    })
    receiver = new PushReceiver(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return receiver
  }

  /** The receiver's origin (what VAPID's `aud` must name) */
  get origin() {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /**
   * A new subscription on this receiver: its JSON (as a browser sends it) and keys
   */
  subscription(name: string, status = 201) {
    const browser = new FakeBrowserKeys()
    const path = `/push/${name}`
    this.#browsers.set(path, browser)
    this.#statuses.set(path, status)
    return {
      endpoint: `${this.origin}${path}`,
      keys: { p256dh: browser.p256dh, auth: browser.auth },
    }
  }

  /**
   * Resolves with the first push (received or to come) matching `predicate`
   */
  async waitFor(predicate: (push: ReceivedPush) => boolean) {
    const deadline = Date.now() + PUSH_TIMEOUT_MS
    while (true) {
      const found = this.received.find(predicate)
      if (found) return found
      const left = deadline - Date.now()
      if (left <= 0) throw new Error('no matching push message arrived')
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.#waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  async close() {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  #record(path: string, headers: ReceivedPush['headers'], body: Buffer) {
    const browser = this.#browsers.get(path)
    const payload = browser
      ? JSON.parse(
          ece
            .decrypt(body, {
              version: 'aes128gcm',
              privateKey: browser.ecdh,
              authSecret: browser.auth,
            })
            .toString('utf8')
        )
      : null
    this.received.push({ path, headers, payload, vapid: readVapid(String(headers.authorization)) })
    const waiters = this.#waiters
    this.#waiters = []
    waiters.forEach((wake) => wake())
  }
}

/**
 * Parses `Authorization: vapid t=<JWT>, k=<public key>` and checks the
 * JWT's ES256 signature with that key
 */
function readVapid(header: string) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header)
  if (!match) return { claims: {}, key: '', signatureValid: false }
  const [, token, key] = match
  const [head, body, signature] = token.split('.')
  const point = Buffer.from(key, 'base64url')
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  })
  const signatureValid = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url')
  )
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  return { claims, key, signatureValid }
}
