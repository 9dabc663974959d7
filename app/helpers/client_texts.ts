import type { I18n } from '@adonisjs/i18n'

/**
 * The raw translations under `prefix` (e.g. `chat.client`), keyed by the
 * rest of their identifier, as JSON safe inside a
 * `<script type="application/json">` block. Placeholders such as `{name}`
 * are left for the browser script to fill in.
 */
export function clientTextsJson(i18n: I18n, prefix: string) {
  const identifiers = new Set(
    [...Object.keys(i18n.fallbackTranslations), ...Object.keys(i18n.localeTranslations)].filter(
      (identifier) => identifier.startsWith(`${prefix}.`)
    )
  )
  const texts: Record<string, string> = {}
  for (const identifier of identifiers) {
    texts[identifier.slice(prefix.length + 1)] = i18n.resolveIdentifier(identifier)!.message
  }
  return JSON.stringify(texts).replace(/</g, '\\u003c')
}
