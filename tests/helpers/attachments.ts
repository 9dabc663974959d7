import app from '@adonisjs/core/services/app'
import drive from '@adonisjs/drive/services/main'
import sharp from 'sharp'
import type { ApiClient } from '@japa/api-client'
import type Room from '#models/room'
import type User from '#models/user'

/**
 * A PNG picture of `width` × `height` pixels, one colour
 */
export function pngPicture(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer()
}

/**
 * Posts `bytes` as file `name` to the room's composer (as the upload
 * script does: multipart, CSRF header, JSON answer) with optional fields
 */
export function uploadFile(
  client: ApiClient,
  user: User,
  room: Room | number,
  bytes: Buffer,
  name: string,
  fields: Record<string, string> = {}
) {
  const roomId = typeof room === 'number' ? room : room.id
  const request = client
    .post(`/rooms/${roomId}/messages`)
    .withCsrfToken()
    .loginAs(user)
    .header('accept', 'application/json')
  for (const [field, value] of Object.entries(fields)) {
    request.field(field, value)
  }
  return request.file('file', bytes, { filename: name })
}

/**
 * Whether the drive disk holds `key`
 */
export function storedFileExists(key: string) {
  return drive.use().exists(key)
}

/**
 * Sets upload limits for one test; returns the undo
 */
export function withUploadLimits(limits: { maxFileSize?: number; quotaPerUser?: number }) {
  const before = { ...app.config.get<Record<string, number>>('attachments') }
  app.config.set('attachments', { ...before, ...limits })
  return () => app.config.set('attachments', before)
}

/**
 * Deletes every attachment file the tests stored, on the disk they were
 * stored on (a test lane has its own, UPLOADS_DIR)
 */
export function removeStoredAttachments() {
  return drive.use().deleteAll('attachments')
}
