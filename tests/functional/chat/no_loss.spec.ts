import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import { startChatProcess, type ChatProcess } from '#tests/helpers/chat_process'
import { closeAllClients, type ChatTestClient, type Frame } from '#tests/helpers/ws_client'
import { connect, createRoom, createUser, join, seqsOf } from '#tests/helpers/chat_fixtures'

/** Messages each sender sends per wave; 3 waves stay within the 20-frame burst */
const WAVE = 5
const SENDERS = 3
const TOTAL = 3 * WAVE * SENDERS

/**
 * Fires `WAVE` messages from every sender without waiting; resolves with the acks
 */
function wave(senders: ChatTestClient[], room: number, label: string) {
  return Promise.all(
    senders.flatMap((sender, senderIndex) =>
      Array.from({ length: WAVE }, (_, index) => {
        const clientId = `${label}-${senderIndex}-${index}`
        sender.send({ type: 'send', room, client_id: clientId, text: `text of ${clientId}` })
        return sender.next({ type: 'ack', client_id: clientId })
      })
    )
  )
}

/**
 * Every seq from 1 to `count`
 */
function oneTo(count: number) {
  return Array.from({ length: count }, (_, index) => index + 1)
}

test.group('Chat across two standalone processes on the postgres bus', (group) => {
  let first: ChatProcess
  let second: ChatProcess

  group.setup(async () => {
    ;[first, second] = await Promise.all([startChatProcess(), startChatProcess()])
    return async () => {
      await Promise.all([first.stop(), second.stop()])
    }
  })
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('every acked message reaches every client once, in seq order, across a resume', async ({
    assert,
  }) => {
    const room = await createRoom()
    const [ana, bob, cleo, dan] = await Promise.all([1, 2, 3, 4].map(() => createUser()))
    const ana1 = await connect(first, ana)
    const cleo1 = await connect(first, cleo)
    const bob2 = await connect(second, bob)
    const dan2 = await connect(second, dan)
    for (const socket of [ana1, cleo1, bob2, dan2]) {
      await join(socket, room, 0)
    }
    const senders = [ana1, bob2, cleo1]

    const acks: Frame[] = await wave(senders, room.id, 'w1')
    await dan2.take(WAVE * 2, { type: 'message' })
    await dan2.close()
    const beforeResume = seqsOf(dan2.received)

    acks.push(...(await wave(senders, room.id, 'w2')))
    const dan1 = await connect(first, dan)
    const lastSeen = beforeResume[beforeResume.length - 1]
    // Not checked: `joined.last_seq`, what `first` had delivered when Dan joined. Bob's messages
    // reach it over the bus, so it may trail what was acked (PROTOCOL.md promises only that live
    // frames come after it); the second wave was acked before Dan came back, so his resume
    // replays it from the store whatever that figure was. The no-gap checks below are the promise.
    const [, third] = await Promise.all([join(dan1, room, lastSeen), wave(senders, room.id, 'w3')])
    acks.push(...third)

    for (const socket of [ana1, cleo1, bob2, dan1]) {
      await socket.next({ type: 'message', seq: TOTAL })
      await socket.roundTrip()
    }

    assert.deepEqual(
      acks.map((ack) => ack.seq).sort((a, b) => a - b),
      oneTo(TOTAL)
    )
    for (const socket of [ana1, cleo1, bob2]) {
      assert.deepEqual(seqsOf(socket.received), oneTo(TOTAL))
    }
    assert.deepEqual([...beforeResume, ...seqsOf(dan1.received)], oneTo(TOTAL))

    const rows = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      rows.map((row) => [row.seq, row.id, row.clientId]),
      acks.toSorted((a, b) => a.seq - b.seq).map((ack) => [ack.seq, ack.id, ack.client_id])
    )
    const texts = new Map(rows.map((row) => [row.seq, row.body]))
    for (const frame of bob2.receivedOfType('message')) {
      assert.equal(frame.text, texts.get(frame.seq))
    }
  })
})
