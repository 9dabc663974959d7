import { test } from '@japa/runner'
import { GroupedAppends } from '#chat/src/grouped_appends'

/**
 * A batch writer whose batches finish when the test says so
 */
function controlledWriter() {
  const batches: Array<{ room: number; items: string[]; finish: (error?: Error) => void }> = []
  const write = (room: number, items: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({
        room,
        items,
        finish: (error) => (error ? reject(error) : resolve(items.map((item) => `${item}!`))),
      })
    })
  return { batches, write }
}

test.group('GroupedAppends (group commit per room)', () => {
  test('a lone append is written at once; appends arriving meanwhile share the next batch', async ({
    assert,
  }) => {
    const { batches, write } = controlledWriter()
    const appends = new GroupedAppends(write, 10)

    const first = appends.add(1, 'a')
    const second = appends.add(1, 'b')
    const third = appends.add(1, 'c')
    assert.deepEqual(
      batches.map((batch) => batch.items),
      [['a']]
    )

    batches[0].finish()
    assert.equal(await first, 'a!')
    assert.deepEqual(
      batches.map((batch) => batch.items),
      [['a'], ['b', 'c']]
    )
    batches[1].finish()
    assert.deepEqual(await Promise.all([second, third]), ['b!', 'c!'])
  })

  test('rooms do not wait for each other and a batch holds at most maxBatch', async ({
    assert,
  }) => {
    const { batches, write } = controlledWriter()
    const appends = new GroupedAppends(write, 2)

    const results = [appends.add(1, 'a'), appends.add(2, 'x'), appends.add(1, 'b')]
    results.push(appends.add(1, 'c'), appends.add(1, 'd'))
    assert.deepEqual(
      batches.map((batch) => [batch.room, batch.items]),
      [
        [1, ['a']],
        [2, ['x']],
      ]
    )
    batches[0].finish()
    await results[0]
    batches[2].finish()
    await results[2]
    batches[3].finish()
    batches[1].finish()

    assert.deepEqual(await Promise.all(results), ['a!', 'x!', 'b!', 'c!', 'd!'])
    assert.deepEqual(
      batches.map((batch) => [batch.room, batch.items]),
      [
        [1, ['a']],
        [2, ['x']],
        [1, ['b', 'c']],
        [1, ['d']],
      ]
    )
  })

  test('a failed batch rejects its appends only; the room goes on with the next', async ({
    assert,
  }) => {
    const { batches, write } = controlledWriter()
    const appends = new GroupedAppends(write, 10)

    const first = appends.add(1, 'a')
    const second = appends.add(1, 'b')
    batches[0].finish(new Error('database down'))
    await assert.rejects(() => first, 'database down')
    batches[1].finish()

    assert.equal(await second, 'b!')
  })
})

test.group('GroupedAppends (one bad item)', () => {
  /**
   * Writes every batch at once, failing any batch that holds a `bad…` item
   * the way a unique-key violation fails a whole transaction
   */
  function writerFailingBad() {
    const batches: string[][] = []
    const write = async (_room: number, items: string[]) => {
      batches.push(items)
      const bad = items.find((item) => item.startsWith('bad'))
      if (bad) throw new Error(`${bad} violates a unique key`)
      return items.map((item) => `${item}!`)
    }
    return { batches, write }
  }

  test('a batch failed by one item commits the others, each alone, in order', async ({
    assert,
  }) => {
    const { batches, write } = writerFailingBad()
    const appends = new GroupedAppends(write, 10)

    const results = ['a', 'b', 'bad-c', 'd', 'bad-e'].map((item) =>
      appends.add(1, item).catch((error: Error) => error.message)
    )
    const later = appends.add(1, 'f')

    assert.deepEqual(await Promise.all(results), [
      'a!',
      'b!',
      'bad-c violates a unique key',
      'd!',
      'bad-e violates a unique key',
    ])
    assert.equal(await later, 'f!')
    assert.deepEqual(batches, [
      ['a'],
      ['b', 'bad-c', 'd', 'bad-e', 'f'],
      ['b'],
      ['bad-c'],
      ['d'],
      ['bad-e'],
      ['f'],
    ])
  })

  test('a failure no single item causes (the database is gone) fails the batch once', async ({
    assert,
  }) => {
    const batches: string[][] = []
    const appends = new GroupedAppends(
      async (_room: number, items: string[]) => {
        batches.push(items)
        throw new Error('connection refused')
      },
      10,
      (error) => (error as Error).message !== 'connection refused'
    )

    const results = ['a', 'b', 'c'].map((item) =>
      appends.add(1, item).catch((error: Error) => error.message)
    )

    assert.deepEqual(await Promise.all(results), Array(3).fill('connection refused'))
    assert.deepEqual(batches, [['a'], ['b', 'c']])
  })
})
