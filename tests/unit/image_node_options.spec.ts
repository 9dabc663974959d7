import { test } from '@japa/runner'
import { imageNodeOptions } from '#bench/stack/image_node_options'
import { serverEnv } from '#bench/stack/server_env'

test.group('Bench servers run with the image Node flags', () => {
  test('the production image caps the young generation and the bench uses the same flag', ({
    assert,
  }) => {
    assert.equal(imageNodeOptions(), '--max-semi-space-size=16')
    assert.equal(serverEnv(4000).NODE_OPTIONS, imageNodeOptions())
  })

  test('reads NODE_OPTIONS from an ENV line or its continuation, quoted or not', ({ assert }) => {
    assert.equal(imageNodeOptions('FROM node\nENV NODE_OPTIONS=--a=1 \\\n    B=2\n'), '--a=1')
    assert.equal(imageNodeOptions('ENV A=1 \\\n    NODE_OPTIONS="--a=1 --b" \\\n'), '--a=1 --b')
    assert.equal(imageNodeOptions('# NODE_OPTIONS=--x\nENV A=1\n'), '')
  })
})
