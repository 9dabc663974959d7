/** Bucket width: 50 µs, up to 10 s; slower samples land in the last bucket */
const BUCKET_MS = 0.05
const BUCKETS = 200_000

/**
 * A histogram's samples as plain data: [bucket, count] pairs and the totals
 */
export type HistogramSnapshot = {
  buckets: Array<[number, number]>
  count: number
  sum: number
  max: number
}

/**
 * Latency histogram in fixed 50 µs buckets: constant memory for millions of samples
 */
export class Histogram {
  #counts = new Uint32Array(BUCKETS)
  #count = 0
  #sum = 0
  #max = 0

  /** Number of recorded samples */
  get count() {
    return this.#count
  }

  /**
   * Records one latency in milliseconds
   */
  record(ms: number) {
    const index = Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / BUCKET_MS)))
    this.#counts[index]++
    this.#count++
    this.#sum += ms
    if (ms > this.#max) {
      this.#max = ms
    }
  }

  /**
   * The latency (ms) below which `p` percent of samples fall; NaN when empty
   */
  percentile(p: number) {
    if (this.#count === 0) {
      return Number.NaN
    }
    const rank = Math.ceil((p / 100) * this.#count)
    let seen = 0
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.#counts[index]
      if (seen >= rank) {
        return Math.min((index + 1) * BUCKET_MS, this.#max)
      }
    }
    return this.#max
  }

  /**
   * The samples in a compact form that survives IPC (non-empty buckets only)
   */
  toSnapshot(): HistogramSnapshot {
    const buckets: Array<[number, number]> = []
    this.#counts.forEach((count, index) => {
      if (count > 0) {
        buckets.push([index, count])
      }
    })
    return { buckets, count: this.#count, sum: this.#sum, max: this.#max }
  }

  /**
   * Adds the samples of a snapshot (another process's histogram)
   */
  merge(snapshot: HistogramSnapshot) {
    for (const [index, count] of snapshot.buckets) {
      this.#counts[index] += count
    }
    this.#count += snapshot.count
    this.#sum += snapshot.sum
    this.#max = Math.max(this.#max, snapshot.max)
  }

  /**
   * p50/p95/p99/max and mean, in milliseconds
   */
  summary() {
    return {
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: this.#count ? this.#max : Number.NaN,
      mean: this.#count ? this.#sum / this.#count : Number.NaN,
    }
  }
}
