import env from '#start/env'

/**
 * Prometheus scraping of /metrics (the web app's and the standalone chat's)
 */
const metricsConfig = {
  /** Bearer token a scraper must send; unset turns /metrics off (404) */
  token: env.get('METRICS_TOKEN'),
}

export default metricsConfig
