import { test } from '@japa/runner'
import { embeddedSharedBuffersMb } from '#database/embedded_postgres_memory'

const GB = 2 ** 30

test.group('Embedded PostgreSQL memory', () => {
  test('shared_buffers is an eighth of {memory} GB: {mb} MB')
    .with([
      { memory: 0.5, mb: 128 },
      { memory: 2, mb: 256 },
      { memory: 4, mb: 512 },
      { memory: 16, mb: 2048 },
      { memory: 64, mb: 2048 },
    ])
    .run(({ assert }, { memory, mb }) => {
      assert.equal(embeddedSharedBuffersMb(memory * GB), mb)
    })
})
