import pg from 'pg'
import type { Report } from '#database/embedded_postgres_cluster'

/**
 * Warns when the embedded cluster in `dataDir` does not store text as UTF-8:
 * clusters created before the guardian asked initdb for UTF-8 may be
 * SQL_ASCII (initdb's pick when the environment had no locale). Says what
 * breaks and how to move the data to a new UTF-8 cluster.
 */
export async function warnWhenNotUtf8(
  dataDir: string,
  connection: { port: number; user: string; password: string; database: string },
  report: Report
) {
  const client = new pg.Client({ host: '127.0.0.1', ...connection })
  await client.connect()
  try {
    const { rows } = await client.query(`SELECT current_setting('server_encoding') AS encoding`)
    const encoding = rows[0].encoding as string
    if (encoding === 'UTF8') return
    report(
      `The embedded PostgreSQL in ${dataDir} stores text as ${encoding}, not UTF-8 ` +
        `(it was created by an older version): non-ASCII text has its length counted in bytes ` +
        `(messages and names are refused as too long early) and case-insensitive search ` +
        `ignores the case of non-ASCII letters. To fix it: \`node ace db:backup\`, stop the app, ` +
        `move ${dataDir} away, start again (a new UTF-8 cluster is created), then ` +
        `\`node ace db:restore <the backup file>\``,
      'warn'
    )
  } finally {
    await client.end()
  }
}
