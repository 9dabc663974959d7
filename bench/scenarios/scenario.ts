import type { Table } from '../lib/table.js'
import type { TargetCheck } from '../lib/targets.js'

/**
 * What a scenario hands back: printed tables, raw figures for latest.json,
 * and its target checks
 */
export type ScenarioResult = {
  tables: Table[]
  figures: Record<string, unknown>
  checks: TargetCheck[]
}
