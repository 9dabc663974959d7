import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { PostgreConfig } from '@adonisjs/lucid/types/database'

/**
 * A database of its own on the test database's server, under a Lucid
 * connection of the same name
 */
export type ScratchDatabase = { name: string; drop(): Promise<void> }

/**
 * Creates an empty database (no tables) next to the test database and
 * registers a Lucid connection to it; `drop()` closes the connection and
 * drops the database
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `roomchat_scratch_${randomBytes(6).toString('hex')}`
  const primary = db.getRawConnection(db.primaryConnectionName)!.config as PostgreConfig
  const settings = primary.connection
  const connection =
    typeof settings === 'string'
      ? Object.assign(new URL(settings), { pathname: `/${name}` }).href
      : { ...(settings as object), database: name }
  await db.rawQuery(`CREATE DATABASE ${name}`)
  db.manager.add(name, { ...primary, connection, pool: { min: 0, max: 4 } })
  return {
    name,
    async drop() {
      await db.manager.close(name, true)
      await db.rawQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}
