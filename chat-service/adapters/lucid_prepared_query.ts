import type pg from 'pg'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * The Lucid database service or one of its connections (writes go to the
 * global transaction when a test runs one)
 */
export type PreparedQueryDb =
  | { connection(): Pick<QueryClientContract, 'getWriteClient'> }
  | Pick<QueryClientContract, 'getWriteClient'>

/**
 * Runs a named statement on a pooled connection of `db` (the transaction's
 * own inside one), so each connection parses and plans it once. Lucid's
 * raw queries cannot name theirs: a statement of several joins or CTEs
 * costs PostgreSQL more to plan than to run on a handful of rows.
 */
export async function runPrepared<Row extends pg.QueryResultRow>(
  db: PreparedQueryDb,
  query: pg.QueryConfig & { name: string }
) {
  const knex = 'getWriteClient' in db ? db.getWriteClient() : db.connection().getWriteClient()
  const connection: pg.Client = await knex.client.acquireConnection()
  try {
    return await connection.query<Row>(query)
  } finally {
    await knex.client.releaseConnection(connection)
  }
}
