/**
 * The part of http_ece (RFC 8188 encrypted content encoding) the push
 * receiver uses to decrypt like a browser
 */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto'

  /** Decrypts an aes128gcm body addressed to `privateKey` with the subscription's auth secret */
  export function decrypt(
    buffer: Buffer,
    params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string }
  ): Buffer
}
