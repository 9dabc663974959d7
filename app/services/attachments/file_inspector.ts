import { basename } from 'node:path'
import { fileTypeFromFile } from 'file-type'
import sharp from 'sharp'
import { INLINE_IMAGE_TYPES, THUMBNAIL_SIZE } from '#models/attachment'

/**
 * What a received file is, from its content: the client's name and type
 * are never trusted
 */
export type InspectedFile = {
  name: string
  mimeType: string
  width: number | null
  height: number | null
  /** A WebP thumbnail of a picture, else null */
  thumbnail: Buffer | null
}

/** Pictures larger than this many pixels are not decoded (decompression bombs) */
const MAX_IMAGE_PIXELS = 40_000_000

/** The type of content nothing could be sniffed from */
const UNKNOWN_TYPE = 'application/octet-stream'

/**
 * Sniffs the type from the bytes (`file-type`), and for a picture reads its
 * size and makes a thumbnail (`sharp`). A picture sharp cannot decode is
 * kept as an unknown file: offered as a download, never shown inline.
 */
export async function inspectFile(path: string, clientName: string): Promise<InspectedFile> {
  const name = safeFileName(clientName)
  const detected = await fileTypeFromFile(path)
  const sniffed = detected?.mime ?? UNKNOWN_TYPE
  if (!INLINE_IMAGE_TYPES.has(sniffed)) {
    return { name, mimeType: sniffed, width: null, height: null, thumbnail: null }
  }
  try {
    const image = sharp(path, { limitInputPixels: MAX_IMAGE_PIXELS })
    const { width, height, orientation } = await image.metadata()
    const turned = orientation !== undefined && orientation >= 5
    const thumbnail = await sharp(path, { limitInputPixels: MAX_IMAGE_PIXELS })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer()
    return {
      name,
      mimeType: sniffed,
      width: turned ? height : width,
      height: turned ? width : height,
      thumbnail,
    }
  } catch {
    return { name, mimeType: UNKNOWN_TYPE, width: null, height: null, thumbnail: null }
  }
}

/**
 * The characters browsers escape in a multipart file name (HTML's
 * multipart/form-data encoding: `"` and line breaks), and what they stand for
 */
const BROWSER_ESCAPES: Record<string, string> = { '%22': '"', '%0D': '\r', '%0A': '\n' }

/**
 * The client's file name (browsers' escapes undone) without any folder,
 * control or bidi characters, at most 255 characters (a download's
 * suggested name; never a path)
 */
export function safeFileName(clientName: string) {
  const unescaped = clientName.replace(/%22|%0D|%0A/g, (escape) => BROWSER_ESCAPES[escape])
  const cleaned = basename(unescaped.replaceAll('\\', '/'))
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
  const name = [...cleaned].slice(0, 255).join('')
  return name === '' || name === '.' || name === '..' ? 'file' : name
}
