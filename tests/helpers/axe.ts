import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright'

/**
 * WCAG 2.0, 2.1 and 2.2, levels A and AA, plus axe's best practices
 * (landmarks, one h1, heading order)
 */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/**
 * Rules about page structure that must pass whatever their impact
 */
const STRUCTURE_RULES = new Set([
  'bypass',
  'heading-order',
  'landmark-one-main',
  'landmark-unique',
  'page-has-heading-one',
  'region',
])

/**
 * Axe's findings on the page that must not exist: serious or critical
 * violations, and any structure violation; one line each ("rule: target")
 */
export async function axeViolations(page: Page) {
  // axe.run in the page itself: the default runs each frame apart and joins the results in a
  // new blank page, 3x the time for pages that have no frames (none of the app's pages do)
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode().analyze()
  return results.violations
    .filter(
      (violation) =>
        violation.impact === 'serious' ||
        violation.impact === 'critical' ||
        STRUCTURE_RULES.has(violation.id)
    )
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`)
    )
}
