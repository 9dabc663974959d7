import { test } from '@japa/runner'
import { createOutbox, type OutboxStorage } from '#client/chat/outbox'

/**
 * localStorage's interface over a Map; `full` makes every write throw, as a full or
 * private-mode localStorage does
 */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial))
  const storage = {
    full: false,
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem(key: string, value: string) {
      if (storage.full) throw new Error('QuotaExceededError')
      items.set(key, value)
    },
    removeItem(key: string) {
      if (storage.full) throw new Error('QuotaExceededError')
      items.delete(key)
    },
  }
  return storage satisfies OutboxStorage
}

/**
 * Ids c-1, c-2, … in order
 */
function sequentialIds() {
  let next = 0
  return () => `c-${++next}`
}

test.group('Chat client: outbox', () => {
  test('keeps unsent messages in order under a key of the writer and the room until each is forgotten', ({
    assert,
  }) => {
    const storage = memoryStorage()
    const outbox = createOutbox(storage, { userId: 3, roomId: 7 }, sequentialIds())

    assert.deepEqual(outbox.add('hello'), { client_id: 'c-1', text: 'hello' })
    outbox.add('second')
    assert.deepEqual(outbox.entries(), [
      { client_id: 'c-1', text: 'hello' },
      { client_id: 'c-2', text: 'second' },
    ])
    assert.equal(
      storage.items.get('roomchat:pending:3:7'),
      '[{"client_id":"c-1","text":"hello"},{"client_id":"c-2","text":"second"}]'
    )
    assert.isTrue(outbox.has('c-1'))

    outbox.forget('c-1')
    outbox.forget('unknown')
    assert.deepEqual(outbox.entries(), [{ client_id: 'c-2', text: 'second' }])
    assert.isFalse(outbox.has('c-1'))
    outbox.forget('c-2')
    assert.isFalse(storage.items.has('roomchat:pending:3:7'))
  })

  test('survives a reload: a new outbox of the same room reads what the last one kept', ({
    assert,
  }) => {
    const storage = memoryStorage()
    createOutbox(storage, { userId: 3, roomId: 7 }, sequentialIds()).add(
      'written before the reload'
    )
    createOutbox(storage, { userId: 3, roomId: 8 }, () => 'other-room').add('another room')

    assert.deepEqual(createOutbox(storage, { userId: 3, roomId: 7 }).entries(), [
      { client_id: 'c-1', text: 'written before the reload' },
    ])
    assert.deepEqual(createOutbox(storage, { userId: 3, roomId: 8 }).entries(), [
      { client_id: 'other-room', text: 'another room' },
    ])
  })

  test('ignores stored data that is not a list of entries', ({ assert }) => {
    const broken = memoryStorage({
      'roomchat:pending:3:1': '{not json',
      'roomchat:pending:3:2': '{"client_id":"x","text":"not a list"}',
      'roomchat:pending:3:3': '[{"client_id":"ok","text":"kept"},{"client_id":5},null,"text"]',
    })

    assert.deepEqual(createOutbox(broken, { userId: 3, roomId: 1 }).entries(), [])
    assert.deepEqual(createOutbox(broken, { userId: 3, roomId: 2 }).entries(), [])
    assert.deepEqual(createOutbox(broken, { userId: 3, roomId: 3 }).entries(), [
      { client_id: 'ok', text: 'kept' },
    ])
  })

  test('a storage that refuses writes leaves the outbox working for the page', ({ assert }) => {
    const storage = memoryStorage()
    storage.full = true
    const outbox = createOutbox(storage, { userId: 3, roomId: 7 }, sequentialIds())

    outbox.add('one')
    outbox.add('two')
    outbox.forget('c-1')
    assert.deepEqual(outbox.entries(), [{ client_id: 'c-2', text: 'two' }])
    assert.isFalse(storage.items.has('roomchat:pending:3:7'))
  })

  test("another person on the same browser never sees, nor sends, someone's unsent messages", ({
    assert,
  }) => {
    const storage = memoryStorage({
      // what an outbox of an earlier version kept, under the room alone: nobody knows whose
      'roomchat:pending:7': '[{"client_id":"old","text":"whose?"}]',
    })
    createOutbox(storage, { userId: 3, roomId: 7 }, sequentialIds()).add('from user 3')

    assert.deepEqual(createOutbox(storage, { userId: 4, roomId: 7 }).entries(), [])
    assert.deepEqual(createOutbox(storage, { userId: 3, roomId: 7 }).entries(), [
      { client_id: 'c-1', text: 'from user 3' },
    ])
  })
})
