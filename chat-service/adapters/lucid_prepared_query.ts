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
export function runPrepared<Row extends pg.QueryResultRow>(
  db: PreparedQueryDb,
  query: pg.QueryConfig & { name: string }
) {
  const knex = 'getWriteClient' in db ? db.getWriteClient() : db.connection().getWriteClient()
  return withPooledConnection(knex, (connection) => connection.query<Row>(query))
}

/**
 * Lends `use` a pg connection of `knex`'s pool (the transaction's own inside
 * one) and gives it back when `use` settles
 */
export async function withPooledConnection<Result>(
  knex: ReturnType<QueryClientContract['getWriteClient']>,
  use: (connection: pg.Client) => Promise<Result>
) {
  const connection: pg.Client = await knex.client.acquireConnection()
  try {
    return await use(connection)
  } finally {
    await knex.client.releaseConnection(connection)
  }
}
