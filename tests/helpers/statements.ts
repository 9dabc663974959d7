import db from '@adonisjs/lucid/services/db'

/**
 * The SQL of every statement the app sends while `work` runs
 */
export async function statementsDuring(work: () => Promise<unknown>) {
  const knex = db.connection().getWriteClient()
  const statements: string[] = []
  const listener = (query: { sql: string }) => statements.push(query.sql)
  knex.on('query', listener)
  try {
    await work()
  } finally {
    knex.off('query', listener)
  }
  return statements
}
