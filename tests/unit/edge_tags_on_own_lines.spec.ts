import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import app from '@adonisjs/core/services/app'

/**
 * An Edge tag (`@if(…)`, `@end`, `@!component(…)`, …) after other text on its line: Edge
 * reads tags only at the start of a line, so such a tag goes out literally, as text or as
 * bogus attributes, and the markup it was meant to guard is always there
 */
const INLINE_TAG = /(^|[^\w@.])@(?:end|else)\b|(^|[^\w@.])@!?[a-zA-Z][\w.]*\(/

/**
 * Every template under resources/views
 */
async function templates(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) return templates(path)
      return entry.name.endsWith('.edge') ? [path] : []
    })
  )
  return nested.flat()
}

/**
 * A template's lines as Edge parses them for tags: comments blanked (their lines kept) and
 * the contents of `{{ }}` / `{{{ }}}` left out
 */
function codeLines(source: string) {
  return source
    .replace(/\{\{--[\s\S]*?--\}\}/g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/\{\{\{?[\s\S]*?\}?\}\}/g, (mustache) => mustache.replace(/[^\n]/g, ' '))
    .split('\n')
}

test.group('Edge templates', () => {
  test('every tag stands at the start of its own line', async ({ assert }) => {
    const root = app.makePath('resources/views')
    const misplaced: string[] = []
    for (const path of await templates(root)) {
      codeLines(await readFile(path, 'utf8')).forEach((line, index) => {
        if (!line.trimStart().startsWith('@') && INLINE_TAG.test(line)) {
          misplaced.push(`${relative(root, path)}:${index + 1}: ${line.trim()}`)
        }
      })
    }
    assert.deepEqual(misplaced, [])
  })
})
