import type transmit from '@adonisjs/transmit/services/main'

/**
 * Transmit's stream manager (@boringnode/transmit)
 */
type StreamManager = ReturnType<(typeof transmit)['getManager']>

/**
 * A write Transmit asked of a stream (an event of a channel, or its ping)
 */
type StreamWrite = Parameters<ReturnType<StreamManager['createStream']>['writeMessage']>

/**
 * Writes each event stream at most once per `windowMs`. Each message in a
 * room tells every member on their own `users/<id>` channel, so a stream's
 * writes grow with the messages of all of its user's rooms; every write is a
 * system call that wakes the browser's side (in the users ramp, the app's
 * second cost after PostgreSQL's round trips: bench/README.md, run R). In a
 * quiet stream an event goes out at once and opens a window; the events of
 * the window go together, in order, when it ends, and open the next one. An
 * event waits `windowMs` at most. Installed once, on the app's Transmit
 * (start/transmit.ts).
 */
export function writeStreamsInWindows(manager: StreamManager, windowMs: number) {
  const { createStream } = manager
  manager.createStream = (params) => {
    const stream = createStream.call(manager, params)
    const write = stream.writeMessage.bind(stream)
    /** The messages of the open window; null while no window is open */
    let held: StreamWrite[] | null = null
    let timer: NodeJS.Timeout | null = null

    const open = () => {
      held = []
      timer = setTimeout(close, windowMs).unref()
    }
    const close = () => {
      const writes = held ?? []
      held = null
      timer = null
      if (writes.length === 0 || stream.destroyed) return
      // Written in one tick: the response's socket sends them in one write
      for (const args of writes) write(...args)
      open()
    }

    stream.writeMessage = (...args) => {
      if (held) {
        held.push(args)
        return true
      }
      const written = write(...args)
      open()
      return written
    }
    params.response.on('close', () => {
      if (timer) clearTimeout(timer)
      held = null
    })
    return stream
  }
}
