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
