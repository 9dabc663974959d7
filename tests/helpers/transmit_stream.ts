import { randomUUID } from 'node:crypto'

/** How long to wait for an expected event before the test fails */
const EVENT_TIMEOUT_MS = 8000

/**
 * An event Transmit delivered: its channel and payload
 */
export type TransmitEvent = { channel: string; payload: Record<string, any> }

/**
 * Logs in through the real form; returns the session cookie header
 */
export async function logIn(origin: string, username: string, password = 'secret-password') {
  const form = await fetch(`${origin}/login`)
  let cookies = form.headers.getSetCookie().map((cookie) => cookie.split(';')[0])
  const csrf = /name='_csrf' value='([^']+)'/.exec(await form.text())![1]
  const login = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': cookies.join('; ') },
    body: new URLSearchParams({ _csrf: csrf, username, password }),
  })
  cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0])
  if (login.status !== 302 || login.headers.get('location') !== '/rooms') {
    throw new Error(`login failed with ${login.status}`)
  }
  return cookies.join('; ')
}

/**
 * A signed-in user's server-sent event stream, subscribed to `channels`;
 * lets a test await the next event matching a predicate
 */
export class TransmitStream {
  /** Every event received, in order */
  readonly received: TransmitEvent[] = []
  /** The events of each read of the stream that carried any, in order */
  readonly reads: TransmitEvent[][] = []
  #waiters: Array<() => void> = []
  #abort = new AbortController()

  /** `uid`: the stream's Transmit id */
  private constructor(readonly uid: string) {}

  /**
   * Opens the stream on `origin` with the session `cookie` and subscribes
   */
  static async open(origin: string, cookie: string, channels: string[]) {
    const uid = randomUUID()
    const stream = new TransmitStream(uid)
    const response = await fetch(`${origin}/__transmit/events?uid=${uid}`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: stream.#abort.signal,
    })
    if (response.status !== 200) {
      throw new Error(`event stream refused with ${response.status}`)
    }
    stream.#read(response.body!.pipeThrough(new TextDecoderStream()).getReader())
    for (const channel of channels) {
      const subscribed = await fetch(`${origin}/__transmit/subscribe`, {
        method: 'POST',
        headers: { 'cookie': cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ uid, channel }),
      })
      if (subscribed.status !== 204) {
        throw new Error(`subscribing to ${channel} refused with ${subscribed.status}`)
      }
    }
    return stream
  }

  /**
   * The first event (received or to come) matching `match`
   */
  next(match: (event: TransmitEvent) => boolean, timeoutMs = EVENT_TIMEOUT_MS) {
    return new Promise<TransmitEvent>((resolve, reject) => {
      const check = () => {
        const found = this.received.find(match)
        if (found) {
          clearTimeout(timer)
          this.#waiters = this.#waiters.filter((waiter) => waiter !== check)
          resolve(found)
        }
      }
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((waiter) => waiter !== check)
        reject(
          new Error(`No matching event within ${timeoutMs} ms: ${JSON.stringify(this.received)}`)
        )
      }, timeoutMs)
      this.#waiters.push(check)
      check()
    })
  }

  /**
   * Ends the stream
   */
  close() {
    this.#abort.abort()
  }

  async #read(reader: ReadableStreamDefaultReader<string>) {
    let buffer = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) {
          return
        }
        buffer += value
        const read: TransmitEvent[] = []
        let end = buffer.indexOf('\n\n')
        while (end !== -1) {
          const event = this.#parse(buffer.slice(0, end))
          if (event) read.push(event)
          buffer = buffer.slice(end + 2)
          end = buffer.indexOf('\n\n')
        }
        if (read.length > 0) this.reads.push(read)
      }
    } catch {
      // aborted
    }
  }

  #parse(block: string) {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice('data: '.length))
      .join('\n')
    if (!data) {
      return null
    }
    const event = JSON.parse(data) as TransmitEvent
    if (event.channel.startsWith('$$transmit/')) {
      return null
    }
    this.received.push(event)
    this.#waiters.forEach((waiter) => waiter())
    return event
  }
}
