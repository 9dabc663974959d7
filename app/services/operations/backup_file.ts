import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import BackupFileInvalidException from '#exceptions/backup_file_invalid_exception'

/**
 * Name in the header of every db:backup file
 */
export const BACKUP_FORMAT = 'roomchat-backup'

/**
 * Layout version this code writes and reads
 */
export const BACKUP_VERSION = 1

/**
 * The line that ends a table's rows (COPY's own end-of-data marker: a row
 * never reads like it, COPY writes a backslash in data as `\\`)
 */
const END_OF_TABLE = '\\.'

/**
 * A newline, between the lines handed to COPY
 */
const NEWLINE = Buffer.from('\n')

/**
 * A table in the backup: its data columns, in the order of its rows, and
 * the state of the sequences numbering its columns
 */
export type BackupTable = {
  name: string
  columns: string[]
  sequences: { column: string; lastValue: number; isCalled: boolean }[]
}

/**
 * First line of a backup: what it holds and the migrations its schema had
 */
export type BackupHeader = {
  format: typeof BACKUP_FORMAT
  version: number
  createdAt: string
  migrations: string[]
  tables: BackupTable[]
}

/**
 * Last line of a backup: rows per table and the SHA-256 of every line before it
 */
type BackupTrailer = { rows: Record<string, number>; sha256: string }

/**
 * Writes a backup: gzip of the header line (JSON), then for each table its
 * rows in COPY text format (one line per row) and `\.`, then the trailer
 */
export class BackupWriter {
  #gzip = createGzip()
  #hash = createHash('sha256')
  #done: Promise<void>

  constructor(file: string) {
    this.#done = pipeline(this.#gzip, createWriteStream(file, { flags: 'wx', mode: 0o600 }))
    this.#done.catch(() => {})
  }

  /**
   * Writes the header line
   */
  header(header: BackupHeader) {
    return this.write(Buffer.from(`${JSON.stringify(header)}\n`))
  }

  /**
   * Copies one table's COPY output into the file and returns its row count
   */
  async table(rows: AsyncIterable<Buffer>) {
    let count = 0
    for await (const chunk of rows) {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) count++
      await this.write(chunk)
    }
    await this.write(Buffer.from(`${END_OF_TABLE}\n`))
    return count
  }

  /**
   * Writes the trailer and waits until the file is complete on disk
   */
  async finish(rows: Record<string, number>) {
    const trailer: BackupTrailer = { rows, sha256: this.#hash.digest('hex') }
    this.#gzip.end(`${JSON.stringify(trailer)}\n`)
    await this.#done
  }

  /**
   * Stops writing (the caller removes the file)
   */
  async abort() {
    this.#gzip.destroy()
    await this.#done.catch(() => {})
  }

  private async write(chunk: Buffer) {
    this.#hash.update(chunk)
    if (!this.#gzip.write(chunk)) {
      await Promise.race([once(this.#gzip, 'drain'), this.#done])
    }
  }
}

/**
 * Reads a backup written by BackupWriter. `verify()` reads it whole and
 * checks it; `tables()` then streams each table's rows in order.
 */
export class BackupReader {
  constructor(private readonly file: string) {}

  /**
   * The header, once the whole file has been read and found complete and
   * intact (row counts and checksum of the trailer), with its row counts
   */
  async verify() {
    await this.refuseOtherFormats()
    const lines = this.lines()[Symbol.asyncIterator]()
    try {
      return await this.check(lines)
    } finally {
      await lines.return?.(undefined)
    }
  }

  private async check(lines: AsyncIterator<Buffer>) {
    const hash = createHash('sha256')
    const header = this.parseHeader(await this.nextLine(lines, hash))
    const rows: Record<string, number> = {}
    for (const table of header.tables) {
      rows[table.name] = 0
      while (!this.isEndOfTable(await this.nextLine(lines, hash))) rows[table.name]++
    }
    const expected = hash.digest('hex')
    const trailer = this.parseTrailer(await this.nextLine(lines))
    const after = await lines.next()
    if (!after.done) {
      throw this.invalid('it has data after its last line')
    }
    if (trailer.sha256 !== expected) {
      throw this.invalid('its checksum does not match its contents')
    }
    for (const table of header.tables) {
      if (trailer.rows[table.name] !== rows[table.name]) {
        throw this.invalid(
          `table "${table.name}" has ${rows[table.name]} rows, not ${trailer.rows[table.name]}`
        )
      }
    }
    return { header, rows }
  }

  /**
   * Each table of the header with its rows (COPY text, in chunks of whole
   * lines): consume each one before taking the next
   */
  async *tables(header: BackupHeader) {
    const lines = this.lines()[Symbol.asyncIterator]()
    await lines.next()
    try {
      for (const table of header.tables) {
        yield { table, rows: this.rowsOf(lines) }
      }
    } finally {
      await lines.return?.(undefined)
    }
  }

  /**
   * One table's lines up to its end marker, batched into ~64 KiB chunks
   */
  private async *rowsOf(lines: AsyncIterator<Buffer>) {
    let batch: Buffer[] = []
    let size = 0
    for (;;) {
      const line = await this.nextLine(lines)
      if (this.isEndOfTable(line)) break
      batch.push(line, NEWLINE)
      size += line.length + 1
      if (size >= 65_536) {
        yield Buffer.concat(batch)
        batch = []
        size = 0
      }
    }
    if (batch.length > 0) yield Buffer.concat(batch)
  }

  /**
   * The file's lines, without their newline; a file that does not end with
   * one was cut short
   */
  private async *lines(): AsyncGenerator<Buffer> {
    const input = createReadStream(this.file)
    const gunzip = createGunzip()
    input.pipe(gunzip)
    input.on('error', (error) => gunzip.destroy(error))
    let rest: Buffer = Buffer.alloc(0)
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk
        let start = 0
        for (let end = data.indexOf(10); end !== -1; end = data.indexOf(10, start)) {
          yield data.subarray(start, end)
          start = end + 1
        }
        rest = data.subarray(start)
      }
    } catch (error) {
      throw this.invalid(`it is corrupt or truncated (${(error as Error).message})`)
    } finally {
      input.destroy()
    }
    if (rest.length > 0) throw this.invalid('it is truncated')
  }

  private async nextLine(lines: AsyncIterator<Buffer>, hash?: ReturnType<typeof createHash>) {
    const next = await lines.next()
    if (next.done) throw this.invalid('it is truncated')
    hash?.update(next.value).update(NEWLINE)
    return next.value
  }

  private isEndOfTable(line: Buffer) {
    return line.length === 2 && line.toString() === END_OF_TABLE
  }

  /**
   * A pg_dump file (what db:backup wrote before) or anything not gzip
   */
  private async refuseOtherFormats() {
    const handle = await open(this.file, 'r')
    const { buffer, bytesRead } = await handle
      .read(Buffer.alloc(5), 0, 5, 0)
      .finally(() => handle.close())
    const start = buffer.subarray(0, bytesRead)
    if (start.toString() === 'PGDMP') {
      throw this.invalid(
        'it is a pg_dump custom-format file (written by db:backup before it wrote its own format): restore it with pg_restore --clean --if-exists --no-owner --single-transaction --dbname=<database> <file>'
      )
    }
    if (start[0] !== 0x1f || start[1] !== 0x8b) {
      throw this.invalid('it is not a db:backup file (not gzip)')
    }
  }

  private parseHeader(line: Buffer) {
    const header = this.parseJson(line) as Partial<BackupHeader>
    if (header.format !== BACKUP_FORMAT) {
      throw this.invalid('it is not a db:backup file (no roomchat-backup header)')
    }
    if (header.version !== BACKUP_VERSION) {
      throw this.invalid(
        `it has layout version ${header.version}; this version of Roomchat reads version ${BACKUP_VERSION}`
      )
    }
    if (!Array.isArray(header.migrations) || !Array.isArray(header.tables)) {
      throw this.invalid('its header lacks the migrations or the tables')
    }
    return header as BackupHeader
  }

  private parseTrailer(line: Buffer) {
    const trailer = this.parseJson(line) as Partial<BackupTrailer>
    if (typeof trailer.sha256 !== 'string' || typeof trailer.rows !== 'object' || !trailer.rows) {
      throw this.invalid('its last line is not a db:backup trailer')
    }
    return trailer as BackupTrailer
  }

  private parseJson(line: Buffer): unknown {
    try {
      const value = JSON.parse(line.toString())
      if (typeof value === 'object' && value !== null) return value
    } catch {}
    throw this.invalid('a header or trailer line is not JSON')
  }

  private invalid(reason: string) {
    return new BackupFileInvalidException(`${this.file} cannot be restored: ${reason}`)
  }
}
