/// <reference lib="dom" />

import type { Page } from 'playwright'

/**
 * The element with keyboard focus: tag, id, and its text or value
 */
export type Focused = { tag: string; id: string; text: string; value: string }

/**
 * What has keyboard focus now
 */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      text: element.textContent?.trim() ?? '',
      value: element.value ?? '',
    }
  })
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until the focused element
 * matches; fails after `limit` presses, naming every element visited
 */
export async function tabTo(
  page: Page,
  matches: (element: Focused) => boolean,
  { backwards = false, limit = 30 } = {}
) {
  const visited: string[] = []
  for (let press = 0; press < limit; press++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
    const element = await focused(page)
    if (matches(element)) return element
    visited.push(`${element.tag}#${element.id} "${element.text.slice(0, 30)}"`)
  }
  throw new Error(`Focus never reached the element; visited: ${visited.join(', ')}`)
}
