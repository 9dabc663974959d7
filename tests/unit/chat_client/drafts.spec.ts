import { test } from '@japa/runner'
import { createDraft, forgetDrafts, type DraftStorage } from '#client/chat/drafts'

/**
 * sessionStorage's interface over a Map; `refusing` makes every call throw, as a disabled
 * storage does
 */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial))
  const guard = () => {
    if (storage.refusing) throw new Error('SecurityError')
  }
  const storage = {
    refusing: false,
    items,
    get length() {
      return items.size
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem(key: string) {
      guard()
      return items.get(key) ?? null
    },
    setItem(key: string, value: string) {
      guard()
      items.set(key, value)
    },
    removeItem(key: string) {
      guard()
      items.delete(key)
    },
  }
  return storage satisfies DraftStorage
}

test.group('Chat client: drafts', () => {
  test("keeps a room's draft per writer and room; a blank box forgets it", ({ assert }) => {
    const storage = memoryStorage()
    const draft = createDraft(storage, { userId: 3, roomId: 7 })

    assert.equal(draft.read(), '')
    draft.save('half a thought')
    assert.equal(createDraft(storage, { userId: 3, roomId: 7 }).read(), 'half a thought')
    assert.equal(createDraft(storage, { userId: 3, roomId: 8 }).read(), '')
    assert.equal(createDraft(storage, { userId: 4, roomId: 7 }).read(), '')
    assert.equal(storage.items.get('roomchat:draft:3:7'), 'half a thought')

    draft.save('  \n ')
    assert.isFalse(storage.items.has('roomchat:draft:3:7'))
  })

  test('forgetting drafts removes every draft and nothing else', ({ assert }) => {
    const storage = memoryStorage({
      'roomchat:draft:3:7': 'one',
      'roomchat:draft:4:8': 'two',
      'roomchat:pending:3:7': '[]',
      'other': 'kept',
    })

    forgetDrafts(storage)
    assert.deepEqual([...storage.items.keys()], ['roomchat:pending:3:7', 'other'])
  })

  test('a storage that refuses leaves the box working without drafts', ({ assert }) => {
    const storage = memoryStorage({ 'roomchat:draft:3:7': 'unreachable' })
    storage.refusing = true
    const draft = createDraft(storage, { userId: 3, roomId: 7 })

    assert.doesNotThrow(() => draft.save('text'))
    assert.equal(draft.read(), '')
    assert.doesNotThrow(() => forgetDrafts(storage))
  })
})
