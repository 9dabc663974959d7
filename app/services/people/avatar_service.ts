import { randomBytes } from 'node:crypto'
import sharp, { type Metadata } from 'sharp'
import drive from '@adonisjs/drive/services/main'
import { errors as lucidErrors } from '@adonisjs/lucid'
import User from '#models/user'
import AvatarRefusedException from '#exceptions/avatar_refused_exception'

/**
 * The square sizes (pixels) each avatar is stored in
 */
export const AVATAR_SIZES = [32, 64, 128] as const

/**
 * One of AVATAR_SIZES
 */
export type AvatarSize = (typeof AVATAR_SIZES)[number]

/**
 * An uploaded picture may have at most this many bytes
 */
export const MAX_AVATAR_BYTES = 5 * 1024 * 1024

/**
 * Pictures are decoded only up to this many pixels (a small file can
 * claim a huge canvas)
 */
const MAX_INPUT_PIXELS = 40_000_000

/**
 * The formats accepted, as sharp reads them from the content
 */
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif'])

/**
 * Where one size of an avatar lives on the drive disk
 */
function avatarPath(userId: number, key: string, size: AvatarSize) {
  return `avatars/${userId}/${key}-${size}.webp`
}

/**
 * Avatars on the drive disk: an upload is checked by its content, cropped
 * to a square and stored as WebP in every size under a new key; the old
 * files go once the new key is saved
 */
export default class AvatarService {
  /**
   * Makes `picture` the avatar of `user`
   */
  async store(user: User, picture: Buffer) {
    const images = await this.#squares(picture)
    const key = randomBytes(9).toString('base64url')
    const disk = drive.use()
    for (const [size, image] of images) {
      await disk.put(avatarPath(user.id, key, size), image, { contentType: 'image/webp' })
    }
    const previous = user.avatarKey
    user.avatarKey = key
    await user.save()
    if (previous) {
      await this.#deleteFiles(user.id, previous)
    }
    return key
  }

  /**
   * Takes the avatar of `user` away (initials are shown again)
   */
  async remove(user: User) {
    const previous = user.avatarKey
    user.avatarKey = null
    await user.save()
    if (previous) {
      await this.#deleteFiles(user.id, previous)
    }
  }

  /**
   * Deletes every avatar file of user `userId` (their account is gone)
   */
  async forget(userId: number) {
    await drive.use().deleteAll(`avatars/${userId}`)
  }

  /**
   * The bytes of the current avatar `key` of user `userId` in `size`; a
   * 404 for an old key, an unknown size or user
   */
  async read(userId: number, key: string, size: number) {
    const user = await User.find(userId)
    if (!user || user.avatarKey !== key || !AVATAR_SIZES.includes(size as AvatarSize)) {
      throw new lucidErrors.E_ROW_NOT_FOUND(User)
    }
    return drive.use().getBytes(avatarPath(userId, key, size as AvatarSize))
  }

  async #squares(picture: Buffer) {
    let metadata: Metadata
    try {
      // The header only (no pixel is decoded), so a picture too large to decode says its size
      metadata = await sharp(picture, { limitInputPixels: false }).metadata()
    } catch {
      throw new AvatarRefusedException('E_AVATAR_NOT_AN_IMAGE')
    }
    if (!metadata.format || !IMAGE_FORMATS.has(metadata.format)) {
      throw new AvatarRefusedException('E_AVATAR_NOT_AN_IMAGE')
    }
    if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_INPUT_PIXELS) {
      throw new AvatarRefusedException('E_AVATAR_TOO_MANY_PIXELS')
    }
    try {
      return await Promise.all(
        AVATAR_SIZES.map(async (size) => {
          const image = await sharp(picture, { limitInputPixels: MAX_INPUT_PIXELS })
            .rotate()
            .resize(size, size, { fit: 'cover' })
            .webp({ quality: 80 })
            .toBuffer()
          return [size, image] as const
        })
      )
    } catch {
      throw new AvatarRefusedException('E_AVATAR_NOT_AN_IMAGE')
    }
  }

  async #deleteFiles(userId: number, key: string) {
    const disk = drive.use()
    await Promise.all(AVATAR_SIZES.map((size) => disk.delete(avatarPath(userId, key, size))))
  }
}
