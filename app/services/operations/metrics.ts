import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import db from '@adonisjs/lucid/services/db'

/**
 * The process's Prometheus registry: process/runtime defaults, HTTP and
 * database pool series, and the chat series when the chat runs in-process
 */
export const metricsRegistry = new Registry()

collectDefaultMetrics({ register: metricsRegistry })

/**
 * HTTP requests by method, route pattern and status
 */
export const httpRequests = new Counter({
  name: 'roomchat_http_requests_total',
  help: 'HTTP requests by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
})

/**
 * HTTP response time by method and route pattern
 */
export const httpDuration = new Histogram({
  name: 'roomchat_http_request_duration_seconds',
  help: 'HTTP response time in seconds by method and route pattern',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
})

/*
 * Database pool usage, read at scrape time (the registry holds the gauge)
 */
new Gauge({
  name: 'roomchat_db_pool_connections',
  help: 'Database pool connections by state (used, free, pending acquires)',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    const pool = db.manager.get(db.primaryConnectionName)?.connection?.pool
    if (!pool) {
      return
    }
    this.set({ state: 'used' }, pool.numUsed())
    this.set({ state: 'free' }, pool.numFree())
    this.set({ state: 'pending' }, pool.numPendingAcquires())
  },
})
