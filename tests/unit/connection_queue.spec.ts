import { test } from '@japa/runner'
import { WebSocket } from 'ws'
import { Connection } from '#chat/src/connection'
import { noopChatMetrics } from '#chat/src/chat_metrics'

/**
 * A socket that records what is sent and how it is closed
 */
function recordingSocket() {
  const sent: string[] = []
  const closes: number[] = []
  const socket = {
    readyState: WebSocket.OPEN as number,
    bufferedAmount: 0,
    send(frame: Buffer) {
      sent.push(frame.toString())
    },
    close(code: number) {
      closes.push(code)
      socket.readyState = WebSocket.CLOSING
    },
  }
  return { socket: socket as unknown as WebSocket, sent, closes }
}

/**
 * A connection of ana's on `socket` that closes it past `maxBufferedBytes`
 */
function connectionOf(socket: WebSocket, maxBufferedBytes: number) {
  return new Connection(
    socket,
    { id: 1, username: 'ana' },
    'session:test',
    maxBufferedBytes,
    noopChatMetrics
  )
}

/**
 * A task that sends `answer` once the test calls `finish`
 */
function heldTask(connection: Connection, answer: string) {
  let finish!: () => void
  const done = new Promise<void>((resolve) => (finish = resolve))
  const task = async () => {
    await done
    connection.send(Buffer.from(answer))
  }
  return { task, finish }
}

const fail = () => {
  throw new Error('no task may fail here')
}

test.group('Connection queue (answers in frame order)', () => {
  test('a refusal waits for the tasks queued before it; with none it goes at once', async ({
    assert,
  }) => {
    const { socket, sent } = recordingSocket()
    const connection = connectionOf(socket, 1024)
    connection.sendInOrder(Buffer.from('refused-0'))
    assert.deepEqual(sent, ['refused-0'])

    const join = heldTask(connection, 'joined')
    const history = heldTask(connection, 'history')
    connection.enqueue(join.task, fail)
    connection.sendInOrder(Buffer.from('refused-1'))
    connection.enqueue(history.task, fail)
    connection.sendInOrder(Buffer.from('refused-2'))
    connection.sendInOrder(Buffer.from('refused-3'))
    assert.deepEqual(sent, ['refused-0'])

    history.finish()
    await Promise.resolve()
    assert.deepEqual(sent, ['refused-0'])
    join.finish()
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(sent, [
      'refused-0',
      'joined',
      'refused-1',
      'history',
      'refused-2',
      'refused-3',
    ])

    connection.sendInOrder(Buffer.from('refused-4'))
    assert.equal(sent.at(-1), 'refused-4')
  })

  test('a failed task answers through onError, before the refusals after it', async ({
    assert,
  }) => {
    const { socket, sent } = recordingSocket()
    const connection = connectionOf(socket, 1024)
    connection.enqueue(
      async () => {
        throw new Error('store down')
      },
      (error) => connection.send(Buffer.from(`unavailable: ${(error as Error).message}`))
    )
    connection.sendInOrder(Buffer.from('refused'))
    await new Promise((resolve) => setImmediate(resolve))

    assert.deepEqual(sent, ['unavailable: store down', 'refused'])
  })

  test('refusals piling up behind a slow task close the socket with 1013', async ({ assert }) => {
    const { socket, sent, closes } = recordingSocket()
    const connection = connectionOf(socket, 100)
    const slow = heldTask(connection, 'joined')
    connection.enqueue(slow.task, fail)

    for (let index = 0; index < 10; index++) {
      connection.sendInOrder(Buffer.from(`refused-${index}`.padEnd(20)))
    }
    assert.deepEqual(closes, [1013])

    slow.finish()
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(sent, [])
  })
})
