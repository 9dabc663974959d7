/*
| node --import @poppinss/ts-exec bench/tools/search_latency.ts --url=http://127.0.0.1:3333 \
|   --token=oat_… [--rounds=3] [--room=6]
|
| Search latency over HTTP (GET /api/v1/search, one bearer token, sequential
| requests) for the 15 queries of bench/README.md ("Search on 1 million
| messages"), in all rooms and in one room, `rounds` times; prints p50, p95,
| p99 and max, and the slowest queries. One request before them is not
| counted: a process's first fetch also sets up its HTTP client and
| connection (~80 ms more), and with 90 samples p99 is the slowest one. Run
| it against a database filled by `node ace bench:messages --count=1000000`.
*/
import { parseArgs } from 'node:util'
import { Histogram } from '../lib/histogram.js'

/** Common, mid-frequency, rare, phrase-like and absent words of the generated text */
const QUERIES = [
  'the',
  'and',
  'the to',
  'không',
  'deploy',
  'meeting',
  'phong',
  'tìm kiếm',
  'deploy review',
  'elephant',
  'kubernetes',
  'redeployment',
  'viet nam',
  'xyzzy',
  'cafe',
]

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3333' },
    token: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    room: { type: 'string', default: '6' },
  },
})
if (!values.token) {
  throw new Error('--token=<bearer token> is required (POST /api/v1/auth/tokens)')
}

const headers = { authorization: `Bearer ${values.token}`, accept: 'application/json' }
await fetch(new URL('/api/v1/search?q=xyzzy', values.url), { headers }).then((response) =>
  response.arrayBuffer()
)

const histogram = new Histogram()
const samples: Array<{ query: string; scope: string; ms: number; status: number }> = []
for (let round = 0; round < Number(values.rounds); round++) {
  for (const query of QUERIES) {
    for (const scope of ['all', values.room!]) {
      const url = new URL('/api/v1/search', values.url)
      url.searchParams.set('q', query)
      if (scope !== 'all') {
        url.searchParams.set('room', scope)
      }
      const started = performance.now()
      const response = await fetch(url, { headers })
      await response.arrayBuffer()
      const ms = performance.now() - started
      histogram.record(ms)
      samples.push({ query, scope, ms, status: response.status })
    }
  }
}

const summary = histogram.summary()
const failed = samples.filter((sample) => sample.status !== 200)
console.log(
  `${histogram.count} requests: p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms, ` +
    `p99 ${summary.p99.toFixed(1)} ms, max ${summary.max.toFixed(1)} ms; ${failed.length} not 200`
)
for (const sample of samples.sort((a, b) => b.ms - a.ms).slice(0, 6)) {
  console.log(
    `  ${sample.ms.toFixed(1).padStart(8)} ms  ${sample.query} (room ${sample.scope}) ${sample.status}`
  )
}
