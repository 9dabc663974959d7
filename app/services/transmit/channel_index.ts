import type transmit from '@adonisjs/transmit/services/main'

/**
 * Transmit's stream manager (@boringnode/transmit)
 */
type StreamManager = ReturnType<(typeof transmit)['getManager']>

/**
 * One open event stream
 */
type Stream = ReturnType<StreamManager['createStream']>

/**
 * Lets Transmit find a channel's streams through an index of the
 * subscriptions. @boringnode/transmit 0.4 scans every open stream on each
 * broadcast (`Storage.findByChannel`), and a message tells each member on
 * their own `users/<id>` channel: members × open streams steps per message,
 * the app's largest cost in the users ramp (bench/README.md, run P). The
 * manager keeps its own storage as before; the index follows the same
 * calls (createStream, subscribe, unsubscribe, a stream's end) and answers
 * `findByChannel`, which every broadcast (local or from the bus) asks.
 * Installed once, on the app's Transmit (start/transmit.ts).
 */
export function indexTransmitChannels(manager: StreamManager) {
  const streamsOf = new Map<string, Set<Stream>>()
  const channelsOf = new Map<Stream, Set<string>>()
  const streamByUid = new Map<string, Stream>()
  const { createStream, subscribe, unsubscribe } = manager

  const add = (stream: Stream, channel: string) => {
    const streams = streamsOf.get(channel) ?? new Set<Stream>()
    streams.add(stream)
    streamsOf.set(channel, streams)
    channelsOf.get(stream)?.add(channel)
  }
  const remove = (stream: Stream, channel: string) => {
    const streams = streamsOf.get(channel)
    streams?.delete(stream)
    if (streams?.size === 0) streamsOf.delete(channel)
  }

  manager.createStream = (params) => {
    const stream = createStream.call(manager, params)
    const uid = stream.getUid()
    streamByUid.set(uid, stream)
    channelsOf.set(stream, new Set())
    params.response.on('close', () => {
      for (const channel of channelsOf.get(stream) ?? []) remove(stream, channel)
      channelsOf.delete(stream)
      // As the manager's storage does: the uid is forgotten with its stream
      streamByUid.delete(uid)
    })
    return stream
  }
  manager.subscribe = async (params) => {
    const subscribed = await subscribe.call(manager, params)
    const stream = streamByUid.get(params.uid)
    if (subscribed && stream) add(stream, params.channel)
    return subscribed
  }
  manager.unsubscribe = async (params) => {
    const unsubscribed = await unsubscribe.call(manager, params)
    const stream = streamByUid.get(params.uid)
    if (stream) {
      remove(stream, params.channel)
      channelsOf.get(stream)?.delete(params.channel)
    }
    return unsubscribed
  }
  manager.findByChannel = (channel) => new Set(streamsOf.get(channel))
}
