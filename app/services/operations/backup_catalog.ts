import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * A table of the app's schema as a backup sees it: the columns that hold
 * data (generated columns such as `messages.search_vector` are left out, the
 * server recomputes them) and the columns a sequence numbers
 */
export type CatalogTable = { name: string; columns: string[]; sequenceColumns: string[] }

/**
 * `"name"`: an identifier quoted for SQL
 */
export function quoteIdentifier(name: string) {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * The tables of the connection's current schema, but the migration
 * bookkeeping ones, ordered so that a table comes after every table its
 * foreign keys point at (ties by name)
 */
export async function readCatalog(
  client: QueryClientContract,
  excluded: string[]
): Promise<CatalogTable[]> {
  const columns = await client.rawQuery<{
    rows: { table: string; column: string; generated: boolean; sequence: string | null }[]
  }>(
    `SELECT c.relname AS table, a.attname AS column, a.attgenerated <> '' AS generated,
       pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS sequence
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND NOT (c.relname = ANY (?))
     ORDER BY c.relname, a.attnum`,
    [excluded]
  )
  const references = await client.rawQuery<{ rows: { child: string; parent: string }[] }>(
    `SELECT child.relname AS child, parent.relname AS parent
     FROM pg_constraint k
     JOIN pg_class child ON child.oid = k.conrelid
     JOIN pg_class parent ON parent.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`
  )

  const tables = new Map<string, CatalogTable>()
  for (const row of columns.rows) {
    const table = tables.get(row.table) ?? { name: row.table, columns: [], sequenceColumns: [] }
    tables.set(row.table, table)
    if (!row.generated) table.columns.push(row.column)
    if (row.sequence) table.sequenceColumns.push(row.column)
  }
  return inForeignKeyOrder([...tables.values()], references.rows)
}

/**
 * Parents before children (Kahn's algorithm); a table referencing itself
 * is fine, since COPY checks foreign keys once its rows are all in
 */
function inForeignKeyOrder(
  tables: CatalogTable[],
  references: { child: string; parent: string }[]
) {
  const parents = new Map(tables.map((table) => [table.name, new Set<string>()]))
  for (const { child, parent } of references) {
    if (child !== parent && parents.has(parent)) parents.get(child)?.add(parent)
  }
  const ordered: CatalogTable[] = []
  const pending = [...tables].sort((a, b) => a.name.localeCompare(b.name))
  while (pending.length > 0) {
    const next = pending.findIndex((table) => parents.get(table.name)!.size === 0)
    if (next === -1) {
      throw new Error(`Foreign keys form a cycle between ${pending.map((t) => t.name).join(', ')}`)
    }
    const [table] = pending.splice(next, 1)
    ordered.push(table)
    for (const waiting of parents.values()) waiting.delete(table.name)
  }
  return ordered
}
