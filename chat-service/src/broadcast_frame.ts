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
