import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import sharp from 'sharp'

/**
 * The installable app's icons, made from the SVG favicon: [file, size,
 * inset] where a maskable icon keeps the logo inside the safe zone (80 %)
 * on the logo's own blue
 */
const ICONS: Array<[string, number, number]> = [
  ['icon-192.png', 192, 0],
  ['icon-512.png', 512, 0],
  ['icon-maskable-512.png', 512, 0.1],
  ['apple-touch-icon.png', 180, 0],
]

/** The favicon's background colour, behind a maskable icon */
const BRAND_BLUE = '#2555c7'

/**
 * Writes the PWA icons in public/icons from public/favicon.svg (run it
 * after changing the favicon; the PNGs are committed)
 */
export default class PwaIcons extends BaseCommand {
  static commandName = 'pwa:icons'
  static description = 'Make the PWA icons in public/icons from public/favicon.svg'
  static options: CommandOptions = {}

  async run() {
    const svg = this.app.publicPath('favicon.svg')
    for (const [file, size, inset] of ICONS) {
      const logo = Math.round(size * (1 - 2 * inset))
      const rendered = await sharp(svg, { density: 72 * Math.ceil(logo / 32) })
        .resize(logo, logo)
        .png()
        .toBuffer()
      const image = inset
        ? sharp({
            create: { width: size, height: size, channels: 4, background: BRAND_BLUE },
          }).composite([{ input: rendered, gravity: 'center' }])
        : sharp(rendered)
      await image.png({ compressionLevel: 9 }).toFile(this.app.publicPath(`icons/${file}`))
      this.logger.info(`public/icons/${file} (${size}×${size})`)
    }
  }
}
