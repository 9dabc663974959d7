import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { pipeline } from 'node:stream/promises'
import type { IncomingMessage } from 'node:http'
import { Busboy, type BusboyFileStream } from '@fastify/busboy'
import UploadRefusedException, { type UploadRefusal } from '#exceptions/upload_refused_exception'

/**
 * A file received into a temporary file, not yet stored
 */
export type ReceivedFile = {
  /** Where the bytes wait until they are stored or discarded */
  path: string
  /** The name the client gave it (untrusted) */
  clientName: string
  size: number
}

/**
 * The parsed body of an upload: its text fields and at most one file
 */
export type ReceivedUpload = {
  fields: Record<string, string>
  file: ReceivedFile | null
  /** Deletes the temporary file (done once the request is answered) */
  discard(): Promise<void>
}

/**
 * The limits an upload is parsed with
 */
export type UploadLimits = { maxFileSize: number; quotaPerUser: number }

/** The form field that carries the file */
const FILE_FIELD = 'file'

/** Text fields of an upload (text, client_id, _csrf, _method…) and their size */
const MAX_FIELDS = 10
const MAX_FIELD_BYTES = 16 * 1024

/** What a multipart body may hold beyond its file: fields and part headers */
const MULTIPART_OVERHEAD = MAX_FIELDS * MAX_FIELD_BYTES + 64 * 1024

/**
 * Parses a multipart/form-data body with @fastify/busboy, not with the
 * bodyparser's multiparty (GHSA-8w45-cghr-9rh4, GHSA-jf2h-r4qp-9rp8 in
 * @adonisjs/bodyparser <= 11.0.4; SECURITY.md): text fields into a
 * null-prototype map, the `file` field streamed into a temporary file, at
 * most `maxFileSize` bytes. Any other file field is skipped. Refuses with
 * 413 past the size limit (also when Content-Length already says so) and
 * 400 for a malformed body or too many parts.
 */
export async function receiveMultipart(
  request: IncomingMessage,
  limits: UploadLimits
): Promise<ReceivedUpload> {
  const refuse = (refusal: UploadRefusal) => new UploadRefusedException(refusal, limits)
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limits.maxFileSize + MULTIPART_OVERHEAD) {
    throw refuse('too_large')
  }
  const fields: Record<string, string> = Object.create(null)
  let file: ReceivedFile | null = null
  const temporaryPaths: string[] = []
  const discard = async () => {
    await Promise.all(temporaryPaths.map((path) => rm(path, { force: true })))
  }

  try {
    await new Promise<void>((resolve, reject) => {
      let busboy: InstanceType<typeof Busboy>
      try {
        busboy = new Busboy({
          headers: request.headers as { 'content-type': string },
          limits: {
            fields: MAX_FIELDS,
            fieldSize: MAX_FIELD_BYTES,
            fieldNameSize: 100,
            files: 1,
            fileSize: limits.maxFileSize,
            parts: MAX_FIELDS + 1,
            headerPairs: 20,
          },
        })
      } catch {
        reject(refuse('invalid_multipart'))
        return
      }
      const writes: Promise<void>[] = []
      const fail = (error: unknown) => {
        request.unpipe(busboy)
        request.resume()
        reject(error)
      }
      busboy.on('field', (name, value, nameTruncated, valueTruncated) => {
        if (nameTruncated || valueTruncated) {
          fail(refuse('invalid_multipart'))
        } else if (!(name in fields)) {
          fields[name] = value
        }
      })
      busboy.on('file', (name, stream, clientName) => {
        if (name !== FILE_FIELD || file !== null || !clientName) {
          stream.resume()
          return
        }
        const path = join(tmpdir(), `roomchat-upload-${randomUUID()}`)
        temporaryPaths.push(path)
        const received: ReceivedFile = { path, clientName, size: 0 }
        file = received
        writes.push(writeLimited(stream, received).catch((error) => fail(error)))
        stream.on('limit', () => fail(refuse('too_large')))
      })
      busboy.on('filesLimit', () => fail(refuse('invalid_multipart')))
      busboy.on('fieldsLimit', () => fail(refuse('invalid_multipart')))
      busboy.on('partsLimit', () => fail(refuse('invalid_multipart')))
      busboy.on('error', () => fail(refuse('invalid_multipart')))
      busboy.on('finish', () => {
        Promise.all(writes).then(() => resolve(), reject)
      })
      request.on('error', () => fail(refuse('invalid_multipart')))
      request.pipe(busboy)
    })
  } catch (error) {
    await discard()
    throw error
  }
  return { fields, file, discard }
}

/**
 * Writes the file part to its temporary path, counting its bytes
 */
async function writeLimited(stream: BusboyFileStream, file: ReceivedFile) {
  stream.on('data', (chunk: Buffer) => {
    file.size += chunk.length
  })
  await pipeline(stream, createWriteStream(file.path))
}
