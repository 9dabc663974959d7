import env from '#start/env'

/**
 * Message search
 */
const searchConfig = {
  /**
   * A search query running longer than this (ms) is cancelled by PostgreSQL
   * (statement_timeout) and answered with E_SEARCH_TIMEOUT
   */
  statementTimeoutMs: env.get('SEARCH_STATEMENT_TIMEOUT_MS', 2000),
}

export default searchConfig
