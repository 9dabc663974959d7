import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { Histogram, Registry } from 'prom-client'
import { metricsRegistry } from '#services/operations/metrics'
import { CHAT_SERIES, PromChatMetrics } from '#chat/adapters/prom_chat_metrics'

type Panel = { id: number; type: string; title: string; targets?: Array<{ expr: string }> }
type Dashboard = {
  uid: string
  panels: Panel[]
  templating: { list: Array<{ name: string; definition?: string }> }
}

/**
 * The series names a PromQL expression selects: label matchers, ranges,
 * grouping clauses, Grafana variables and function names left out
 */
function seriesIn(expr: string) {
  const selectorsOnly = expr
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without)\s*\([^)]*\)/g, ' ')
    .replace(/\$\w+/g, ' ')
  return [...selectorsOnly.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map(
    (match) => match[1]
  )
}

/**
 * Every series name the code registers (web registry plus the chat's), with
 * the `_bucket`, `_sum` and `_count` series of histograms
 */
function registeredSeries() {
  const chatRegistry = new Registry()
  new PromChatMetrics(chatRegistry)
  const names = new Set<string>()
  for (const metric of [
    ...metricsRegistry.getMetricsAsArray(),
    ...chatRegistry.getMetricsAsArray(),
  ]) {
    names.add(metric.name)
    if (metric instanceof Histogram) {
      for (const suffix of ['_bucket', '_sum', '_count']) {
        names.add(`${metric.name}${suffix}`)
      }
    }
  }
  return names
}

async function loadDashboard(): Promise<Dashboard> {
  return JSON.parse(await readFile(app.makePath('docs/grafana/roomchat_dashboard.json'), 'utf8'))
}

test.group('Grafana dashboard (docs/grafana/roomchat_dashboard.json)', () => {
  test('is valid JSON with unique panel ids and a query on every graph', async ({ assert }) => {
    const dashboard = await loadDashboard()
    assert.equal(dashboard.uid, 'roomchat')
    const ids = dashboard.panels.map((panel) => panel.id)
    assert.equal(new Set(ids).size, ids.length)
    for (const panel of dashboard.panels.filter((entry) => entry.type !== 'row')) {
      assert.isAbove(panel.targets?.length ?? 0, 0, panel.title)
    }
  })

  test('references only series the code registers', async ({ assert }) => {
    const dashboard = await loadDashboard()
    const known = registeredSeries()
    const expressions = [
      ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
      ...dashboard.templating.list.flatMap((variable) => {
        const series = variable.definition?.match(/^label_values\(([^,]+),/)?.[1]
        return series ? [series] : []
      }),
    ]
    const referenced = new Set(expressions.flatMap(seriesIn))
    const unknown = [...referenced].filter((name) => !known.has(name))
    assert.deepEqual(unknown, [])
    assert.isAbove(referenced.size, 10)
  })

  test('charts every chat series, HTTP and the database pool', async ({ assert }) => {
    const dashboard = await loadDashboard()
    const referenced = new Set(
      dashboard.panels
        .flatMap((panel) => (panel.targets ?? []).map((target) => target.expr))
        .flatMap(seriesIn)
        .map((name) => name.replace(/_(bucket|sum|count)$/, ''))
    )
    const expected = [
      ...Object.values(CHAT_SERIES).map((series) => series.name),
      'roomchat_http_requests_total',
      'roomchat_http_request_duration_seconds',
      'roomchat_db_pool_connections',
    ]
    assert.deepEqual(
      expected.filter((name) => !referenced.has(name)),
      []
    )
  })
})
