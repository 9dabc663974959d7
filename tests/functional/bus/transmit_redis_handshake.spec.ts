import { test } from '@japa/runner'
import { redis } from '@boringnode/bus/transports/redis'
import { redisOptionsFromUrl } from '#helpers/redis_options'
import { RedisServer } from '#tests/helpers/redis_server'
import { TcpProxy } from '#tests/helpers/tcp_proxy'

test.group("Transmit's Redis transport with the app's options", (group) => {
  let server: RedisServer

  group.setup(async () => {
    server = await RedisServer.start()
    return () => server.stop()
  })

  test('an instance that subscribes during its connection handshake hears the events', async ({
    assert,
    cleanup,
  }) => {
    // Redis's replies come 200 ms late, so the subscriber's handshake lasts a while
    const slowLink = new TcpProxy('127.0.0.1', server.port, { replyDelayMs: 200 })
    await slowLink.open()
    const slow = redis(redisOptionsFromUrl(`redis://127.0.0.1:${slowLink.port}`))().setId('slow')
    const other = redis(redisOptionsFromUrl(server.url))().setId('other')
    cleanup(async () => {
      await Promise.all([slow.disconnect(), other.disconnect()])
      await slowLink.cut()
    })

    const heard: unknown[] = []
    await new Promise((resolve) => setTimeout(resolve, 100))
    await slow.subscribe('transmit::lobby', (message) => {
      heard.push(message)
    })
    await other.publish('transmit::lobby', { event: 1 })
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await other.publish('transmit::lobby', { event: 2 })
    const deadline = Date.now() + 5000
    while (heard.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    assert.deepEqual(heard, [{ event: 1 }, { event: 2 }])
  })
})
