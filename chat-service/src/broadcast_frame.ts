import * as ws from 'ws'
import type { WireFrame } from './server_frames.js'

/** The options `ws` frames its own sends with (its typings leave `Sender` out) */
type FrameOptions = {
  fin: boolean
  mask: boolean
  opcode: number
  readOnly: boolean
  rsv1: boolean
}
const { Sender } = ws as unknown as {
  Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] }
}

const TEXT_OPCODE = 1

/**
 * A frame going to many sockets, framed for the wire once: the WebSocket
 * header (a final, unmasked, uncompressed text frame, as `ws` frames a
 * server's send) and the payload in one buffer that every socket writes
 * as is, instead of `ws` framing the same bytes again for each socket
 */
export class BroadcastFrame {
  #framed: Buffer | null = null

  constructor(readonly payload: WireFrame) {}

  /**
   * Header and payload, built on first use
   */
  get framed() {
    this.#framed ??= Buffer.concat(
      Sender.frame(this.payload, {
        fin: true,
        mask: false,
        opcode: TEXT_OPCODE,
        readOnly: true,
        rsv1: false,
      })
    )
    return this.#framed
  }
}

/**
 * Several text frames for one socket, framed for the wire in one buffer
 * (each a final, unmasked, uncompressed text frame, as `ws` frames a
 * server's send), so a replay writes a batch of frames with one `write`
 */
export function framedTexts(payloads: string[]) {
  const lengths = payloads.map((payload) => Buffer.byteLength(payload))
  let total = 0
  for (const length of lengths) {
    total += headerLength(length) + length
  }
  const framed = Buffer.allocUnsafe(total)
  let offset = 0
  for (const [index, payload] of payloads.entries()) {
    offset = writeTextHeader(framed, offset, lengths[index])
    offset += framed.write(payload, offset)
  }
  return framed
}

/** Bytes of the header of a server frame with a `length`-byte payload */
function headerLength(length: number) {
  if (length < 126) return 2
  return length < 65_536 ? 4 : 10
}

/**
 * Writes a final text frame's header (RFC 6455 5.2: FIN + opcode, then the
 * payload length in 7, 7+16 or 7+64 bits, no mask) at `offset`; returns
 * where the payload goes
 */
function writeTextHeader(buffer: Buffer, offset: number, length: number) {
  buffer[offset] = 0x80 | TEXT_OPCODE
  if (length < 126) {
    buffer[offset + 1] = length
    return offset + 2
  }
  if (length < 65_536) {
    buffer[offset + 1] = 126
    buffer.writeUInt16BE(length, offset + 2)
    return offset + 4
  }
  buffer[offset + 1] = 127
  buffer.writeBigUInt64BE(BigInt(length), offset + 2)
  return offset + 10
}
