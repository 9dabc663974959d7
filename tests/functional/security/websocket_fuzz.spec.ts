import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import fc from 'fast-check'
import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { RoomFactory } from '#database/factories/room_factory'
import { startChatProcess, type ChatProcess } from '#tests/helpers/chat_process'
import { closeAllClients, type ChatTestClient } from '#tests/helpers/ws_client'
import { connect, createRoom, createUser, join, say } from '#tests/helpers/chat_fixtures'
import {
  expectedAnswer,
  fuzzSequence,
  wireText,
  type FuzzFrame,
  type OracleState,
} from '#tests/helpers/fuzz_frames'

/** At least this many frames go over real sockets */
const FRAMES = 10_000
/** Connections fuzzed side by side in one property run */
const PARALLEL = 16
/** Frames per connection: with a ping after each, 18 frames stay within the burst of 20 */
const PER_CONNECTION = 9
/** A room id no room has */
const MISSING_ROOM = 2_000_000_000
const CLOSE_TIMEOUT_MS = 8000

/**
 * Non-message frames up to the `pongs`-th pong, labelled `error:<code>` or by type
 */
async function answersUntilPong(socket: ChatTestClient, pongs: number) {
  const answers: string[] = []
  for (let seen = 0; seen < pongs;) {
    const frame = await socket.next((candidate) => candidate.type !== 'message')
    if (frame.type === 'pong' && ++seen === pongs) break
    answers.push(frame.type === 'error' ? `error:${frame.code}` : frame.type)
    if (frame.type === 'error' && (typeof frame.message !== 'string' || frame.message === '')) {
      throw new Error(`Error frame without a message: ${JSON.stringify(frame)}`)
    }
  }
  return answers
}

/**
 * Resolves with the close code, or fails after CLOSE_TIMEOUT_MS
 */
function closeCode(socket: ChatTestClient) {
  return Promise.race([
    socket.closed.then(({ code }) => code),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('socket not closed')), CLOSE_TIMEOUT_MS)
    ),
  ])
}

test.group('Security: WebSocket frames fuzzed with fast-check', (group) => {
  let chat: ChatProcess

  group.setup(async () => {
    chat = await startChatProcess()
    return async () => {
      await chat.stop()
    }
  })
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('every random or mutated frame gets its error frame or close code; no row, no crash', async ({
    assert,
  }) => {
    const user = await createUser()
    const controlRoom = await createRoom(user)
    const control = await connect(chat, user)
    await join(control, controlRoom)
    /* Every room that exists, with the client_ids stored in it; shared by all sockets */
    const rooms = new Map<number, Set<string>>([[controlRoom.id, new Set()]])
    /* The archived rooms among them */
    const archived = new Set<number>()
    const outcomes = new Map<string, number>()
    let sent = 0
    const started = Date.now()

    const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)

    /** Sends one sequence on a fresh socket and checks every answer against the oracle */
    async function fuzzConnection(owner: User, state: OracleState, frames: FuzzFrame[]) {
      const socket = await connect(chat, owner)
      for (const frame of frames) {
        const binary = 'bytes' in frame && frame.binary
        const bytes =
          'text' in frame ? wireText(frame, state, MISSING_ROOM) : Buffer.from(frame.bytes)
        const expected = expectedAnswer(bytes, binary, state)
        socket.sendRaw(bytes, binary)
        sent++
        const shown = bytes.toString('utf8').slice(0, 300)
        if ('close' in expected) {
          const code = await closeCode(socket)
          assert.equal(code, expected.close, `close code for ${shown}`)
          count(`close ${code}`)
          return
        }
        socket.send({ type: 'ping' })
        const answers = await answersUntilPong(
          socket,
          'answers' in expected && expected.answers.includes('pong') ? 2 : 1
        ).catch((error: Error) => {
          throw new Error(
            `${error.message} after ${shown} (got ${JSON.stringify(socket.received.slice(-3))})`
          )
        })
        if ('oneOf' in expected) {
          assert.deepInclude(expected.oneOf, answers, `answers to ${shown}`)
          if (answers[0] === 'ack') expected.acked()
        } else {
          assert.deepEqual(answers, expected.answers, `answers to ${shown}`)
        }
        count(answers[0] ?? 'no answer (typing)')
      }
      for (const message of socket.receivedOfType('message')) {
        assert.isTrue(rooms.has(message.room))
        assert.isAtMost(message.seq, rooms.get(message.room)!.size)
      }
      await socket.close()
    }

    const property = fc.asyncProperty(
      fc.array(fuzzSequence(PER_CONNECTION), {
        minLength: PARALLEL,
        maxLength: PARALLEL,
      }),
      async (sequences) => {
        const created = await RoomFactory.merge({ ownerId: user.id }).createMany(sequences.length)
        created.forEach((room) => rooms.set(room.id, new Set()))
        // Every fourth room is archived: its writes are refused with room_archived
        const readOnly = created.filter((_, index) => index % 4 === 3).map((room) => room.id)
        await db.from('rooms').whereIn('id', readOnly).update({ archived_at: new Date() })
        readOnly.forEach((room) => archived.add(room))
        await Promise.all(
          sequences.map((frames, index) =>
            fuzzConnection(
              user,
              { room: created[index].id, joined: new Set(), rooms, archived },
              frames
            )
          )
        )
      }
    )
    while (sent < FRAMES) {
      await fc.assert(property, { numRuns: 20, endOnFailure: true }).catch((error: Error) => {
        const seed = error.message.split('\n')[1]
        throw new Error(
          `Property failed ${seed}: ${(error.cause as Error)?.message ?? error.message}`
        )
      })
    }

    const ack = await say(control, controlRoom, 'still-here', 'the server survived')
    rooms.get(controlRoom.id)!.add('still-here')
    assert.equal(ack.seq, rooms.get(controlRoom.id)!.size)
    assert.isTrue(chat.running())
    const stored: Array<{ room_id: number; client_id: string }> = await db
      .from('messages')
      .select('room_id', 'client_id')
    const heads: Array<{ id: number; last_seq: number }> = await db
      .from('rooms')
      .select('id', 'last_seq')
    assert.deepEqual(
      stored.map((row) => `${row.room_id}/${row.client_id}`).sort(),
      [...rooms].flatMap(([room, ids]) => [...ids].map((id) => `${room}/${id}`)).sort()
    )
    assert.deepEqual(
      heads.map((row) => [row.id, row.last_seq]).sort((a, b) => a[0] - b[0]),
      [...rooms].map(([room, ids]) => [room, ids.size]).sort((a, b) => a[0] - b[0])
    )
    const summary = [...outcomes].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${key} ${n}`)
    console.log(
      `[security] websocket fuzz: ${sent} frames on ${rooms.size - 1} sockets, ${stored.length} valid sends stored, ` +
        `0 rows for invalid frames, server up, ${Math.round((Date.now() - started) / 1000)} s; ${summary.join(', ')}`
    )
  }).timeout(180_000)
})
