import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import type { ChatMetrics } from '#chat/src/chat_metrics'

/** Seconds: from 1 ms (an ack from a local database) to 2.5 s (a struggling one) */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

/**
 * The name, help text and kind of every chat series (README "Metrics" lists them)
 */
export const CHAT_SERIES = {
  openWebsockets: { name: 'chat_open_websockets', help: 'Open chat WebSockets' },
  joins: { name: 'chat_joins_total', help: 'Room joins' },
  accepted: {
    name: 'chat_messages_accepted_total',
    help: 'Client frames stored and acked, by kind (message, edit, delete)',
  },
  rejected: {
    name: 'chat_messages_rejected_total',
    help: 'Client frames answered with an error frame, by error code',
  },
  ackLatency: {
    name: 'chat_ack_latency_seconds',
    help: 'Seconds from handling a send frame to its ack (store write included)',
  },
  deliveries: { name: 'chat_deliveries_total', help: 'Message frames sent to live sockets' },
  busPublished: { name: 'chat_bus_published_total', help: 'Doorbells published on the bus' },
  busReceived: {
    name: 'chat_bus_received_total',
    help: 'Doorbells received from other nodes on the bus',
  },
  busLag: {
    name: 'chat_bus_lag_seconds',
    help: 'Seconds between publishing a doorbell and receiving it on another node',
  },
  replayed: {
    name: 'chat_replayed_messages_total',
    help: 'Messages replayed to sockets that resumed with since',
  },
  slowConsumerCloses: {
    name: 'chat_slow_consumer_closes_total',
    help: 'Sockets closed with 1013 for not reading their frames',
  },
} as const

/**
 * Chat metrics as prom-client series in `registry`. Several chat servers of
 * one process (tests) share the series: a second instance reuses them.
 */
export class PromChatMetrics implements ChatMetrics {
  #openWebsockets: Gauge
  #joins: Counter
  #accepted: Counter<'kind'>
  #rejected: Counter<'reason'>
  #ackLatency: Histogram
  #deliveries: Counter
  #busPublished: Counter
  #busReceived: Counter
  #busLag: Histogram
  #replayed: Counter
  #slowConsumerCloses: Counter

  constructor(registry: Registry) {
    const reuse = <T>(name: string, create: () => T) =>
      (registry.getSingleMetric(name) as T | undefined) ?? create()
    const counter = <L extends string>(
      series: { name: string; help: string },
      labelNames: L[] = []
    ) => reuse(series.name, () => new Counter<L>({ ...series, labelNames, registers: [registry] }))
    const histogram = (series: { name: string; help: string }) =>
      reuse(
        series.name,
        () => new Histogram({ ...series, buckets: LATENCY_BUCKETS, registers: [registry] })
      )

    this.#openWebsockets = reuse(
      CHAT_SERIES.openWebsockets.name,
      () => new Gauge({ ...CHAT_SERIES.openWebsockets, registers: [registry] })
    )
    this.#joins = counter(CHAT_SERIES.joins)
    this.#accepted = counter(CHAT_SERIES.accepted, ['kind'])
    this.#rejected = counter(CHAT_SERIES.rejected, ['reason'])
    this.#ackLatency = histogram(CHAT_SERIES.ackLatency)
    this.#deliveries = counter(CHAT_SERIES.deliveries)
    this.#busPublished = counter(CHAT_SERIES.busPublished)
    this.#busReceived = counter(CHAT_SERIES.busReceived)
    this.#busLag = histogram(CHAT_SERIES.busLag)
    this.#replayed = counter(CHAT_SERIES.replayed)
    this.#slowConsumerCloses = counter(CHAT_SERIES.slowConsumerCloses)
  }

  connectionOpened() {
    this.#openWebsockets.inc()
  }

  connectionClosed() {
    this.#openWebsockets.dec()
  }

  joined() {
    this.#joins.inc()
  }

  accepted(kind: string) {
    this.#accepted.inc({ kind })
  }

  rejected(code: string) {
    this.#rejected.inc({ reason: code })
  }

  ackLatency(seconds: number) {
    this.#ackLatency.observe(seconds)
  }

  delivered(count: number) {
    if (count > 0) {
      this.#deliveries.inc(count)
    }
  }

  busPublished() {
    this.#busPublished.inc()
  }

  busReceived() {
    this.#busReceived.inc()
  }

  busLag(seconds: number) {
    this.#busLag.observe(Math.max(0, seconds))
  }

  replayed(count: number) {
    if (count > 0) {
      this.#replayed.inc(count)
    }
  }

  slowConsumerClosed() {
    this.#slowConsumerCloses.inc()
  }
}
