import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { gunzipSync, gzipSync } from 'node:zlib'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { LucidMessageStore } from '#chat/adapters/lucid_message_store'
import { MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'
import { readCatalog } from '#services/operations/backup_catalog'

/**
 * The chat's message store on a connection (the default one unless named)
 */
export function messageStoreOn(connection?: string) {
  return new LucidMessageStore(db.connection(connection), new MarkdownMessageRenderer())
}

/**
 * Users, a public and a private room with members (the public room's:
 * its owner and the people who posted), messages with a mention,
 * an edit and a deletion (through the chat's store), read markers, an API
 * token, a server-side session and a rate-limit counter, committed to the
 * test database
 */
export async function seedChatData() {
  // the first account is the instance admin, as the roles migration leaves it
  const alice = await UserFactory.merge({ username: 'alice', isAdmin: true }).create()
  const bob = await UserFactory.merge({ username: 'bob' }).create()
  const carol = await UserFactory.merge({ username: 'carol' }).create()
  const general = await RoomFactory.merge({ ownerId: alice.id, name: 'General' }).create()
  const secret = await RoomFactory.merge({
    ownerId: bob.id,
    name: 'Secret',
    visibility: 'private',
  }).create()
  await db.table('room_members').multiInsert([
    { room_id: general.id, user_id: alice.id, created_at: new Date('2030-01-01T00:00:00Z') },
    { room_id: general.id, user_id: bob.id, created_at: new Date('2030-01-01T00:02:00Z') },
    { room_id: general.id, user_id: carol.id, created_at: new Date('2030-01-01T00:03:00Z') },
    { room_id: secret.id, user_id: bob.id, created_at: new Date('2030-01-01T00:00:00Z') },
    { room_id: secret.id, user_id: carol.id, created_at: new Date('2030-01-01T00:01:00Z') },
  ])

  const store = messageStoreOn()
  const as = (user: User) => ({ id: user.id, username: user.username })
  const say = (room: number, user: User, clientId: string, text: string) =>
    store.append({ room, user: as(user), clientId, text })
  await say(general.id, alice, 'a1', 'Shall we meet at the **library** on Friday?')
  await say(general.id, bob, 'b1', '@alice yes, the library at noon')
  await say(general.id, carol, 'c1', 'Café Phở after that?')
  await store.edit({
    room: general.id,
    user: as(carol),
    clientId: 'c2',
    target: 3,
    text: 'Lunch at Phở Việt after that?',
  })
  await say(general.id, bob, 'b2', 'a typo to delete')
  await store.remove({
    room: general.id,
    user: as(bob),
    clientId: 'b3',
    target: 5,
    asModerator: false,
  })
  await say(secret.id, bob, 'b4', 'just us, @carol: the library plan is secret')

  await db.table('room_reads').multiInsert([
    { user_id: alice.id, room_id: general.id, last_read_seq: 4, updated_at: new Date() },
    { user_id: carol.id, room_id: secret.id, last_read_seq: 1, updated_at: new Date() },
  ])
  await User.accessTokens.create(alice, ['*'], { name: 'laptop' })
  await db.table('sessions').insert({
    id: 'session-of-bob',
    data: '{"auth_web":2}',
    user_id: String(bob.id),
    expires_at: new Date('2030-02-01T00:00:00Z'),
  })
  await db
    .table('rate_limits')
    .insert({ key: 'login_127.0.0.1', points: 2, expire: 1_900_000_000_000 })
  return { alice, bob, carol, general, secret }
}

/**
 * Every row of every table of a connection's database (sorted, so two
 * databases compare regardless of physical order), the names of the applied
 * migrations and the state of the sequences
 */
export async function databaseContents(connection?: string) {
  const client = db.connection(connection)
  const { rows: tables } = await client.rawQuery(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`
  )
  const contents: Record<string, unknown[]> = {}
  for (const { tablename } of tables) {
    if (tablename === 'adonis_schema') {
      const migrations = await client.from('adonis_schema').orderBy('id').select('name')
      contents[tablename] = migrations.map((row) => row.name)
      continue
    }
    const { rows } = await client.rawQuery(`SELECT * FROM "${tablename}"`)
    contents[tablename] = rows
      .map((row: Record<string, unknown>) => ({ key: JSON.stringify(row), row }))
      .sort((a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key))
      .map(({ row }: { row: unknown }) => row)
  }
  const { rows: sequences } = await client.rawQuery(
    `SELECT sequencename, last_value FROM pg_sequences
     WHERE schemaname = current_schema() AND sequencename <> 'adonis_schema_id_seq'
     ORDER BY sequencename`
  )
  contents['(sequences)'] = sequences
  return contents
}

/**
 * Rewrites a backup file: its header and rows through `change`, with a
 * valid checksum and gzip, as if db:backup had written it that way
 */
export async function rewriteBackup(
  file: string,
  change: (lines: string[]) => string[],
  options: { keepChecksum?: boolean } = {}
) {
  const lines = gunzipSync(await readFile(file))
    .toString()
    .split('\n')
  const trailer = JSON.parse(lines.at(-2)!)
  const body = change(lines.slice(0, -2))
  if (!options.keepChecksum) {
    trailer.sha256 = createHash('sha256')
      .update(body.map((line) => `${line}\n`).join(''))
      .digest('hex')
  }
  await writeFile(file, gzipSync(`${[...body, JSON.stringify(trailer)].join('\n')}\n`))
}

/**
 * The tables db:backup writes for a connection (the default one unless
 * named), in the order it writes them
 */
export async function backedUpTables(connection?: string) {
  const tables = await readCatalog(db.connection(connection), [
    'adonis_schema',
    'adonis_schema_versions',
  ])
  return tables.map((table) => table.name)
}

/**
 * The columns of each table db:backup writes for a connection, by table name
 */
export async function backedUpColumns(connection?: string) {
  const tables = await readCatalog(db.connection(connection), [
    'adonis_schema',
    'adonis_schema_versions',
  ])
  return new Map(tables.map((table) => [table.name, table.columns]))
}

/**
 * Body lines of a backup (header, then each table's rows and end marker)
 * as a backup made at an older schema would hold them: the migrations up to
 * the last one kept, and only the tables and columns that schema had
 */
export function asBackupAt(
  lines: string[],
  migrations: string[],
  tables: string[],
  columnsThen: Map<string, string[]>
) {
  const [header, ...rows] = lines
  const parsed = JSON.parse(header)
  const kept: string[] = []
  let at = 0
  for (const table of parsed.tables as { name: string; columns: string[] }[]) {
    const end = rows.indexOf('\\.', at)
    if (tables.includes(table.name)) {
      const then = columnsThen.get(table.name)!
      const positions = then.map((column) => table.columns.indexOf(column))
      const project = (row: string) => {
        const values = row.split('\t')
        return positions.map((position) => values[position]).join('\t')
      }
      kept.push(...rows.slice(at, end).map(project), rows[end])
      table.columns = then
    }
    at = end + 1
  }
  parsed.migrations = migrations
  parsed.tables = parsed.tables.filter((table: { name: string }) => tables.includes(table.name))
  return [JSON.stringify(parsed), ...kept]
}
