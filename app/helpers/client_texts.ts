import type { I18n } from '@adonisjs/i18n'

/**
 * The JSON of each prefix, by the translations of a locale (the i18n
 * manager's object for it, shared by every request in that locale; a reload
 * of the translations brings new objects, so a fresh cache)
 */
const cache = new WeakMap<object, Map<string, string>>()

/**
 * The raw translations under `prefix` (e.g. `chat.client`), keyed by the
 * rest of their identifier, as JSON safe inside a
 * `<script type="application/json">` block. Placeholders such as `{name}`
 * are left for the browser script to fill in. Built once per locale and
 * prefix: a room page asks for four of them.
 */
export function clientTextsJson(i18n: I18n, prefix: string) {
  let byPrefix = cache.get(i18n.localeTranslations)
  if (!byPrefix) {
    byPrefix = new Map()
    cache.set(i18n.localeTranslations, byPrefix)
  }
  let json = byPrefix.get(prefix)
  if (json === undefined) {
    json = buildClientTextsJson(i18n, prefix)
    byPrefix.set(prefix, json)
  }
  return json
}

function buildClientTextsJson(i18n: I18n, prefix: string) {
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
