import type { Table } from './table.js'

/**
 * One target of the issue, met or missed by a measured value
 */
export type TargetCheck = { target: string; measured: string; pass: boolean; reason?: string }

/**
 * A target check: `pass` says whether `value` met it; `reason` (printed on
 * a miss) says what the run saw where it fell short
 */
export function checkTarget(
  target: string,
  value: number,
  pass: boolean,
  unit = '',
  reason?: string
): TargetCheck {
  const measured = Number.isFinite(value) ? `${+value.toFixed(2)}${unit}` : 'not measured'
  return { target, measured, pass: Number.isFinite(value) && pass, reason }
}

/**
 * The closing table: every target with pass or miss (a miss never fails the run)
 */
export function targetsTable(checks: TargetCheck[]): Table {
  return {
    title: 'Targets (a miss is reported, never fatal)',
    headers: ['target', 'measured', 'result', 'why (on a miss)'],
    rows: checks.map((check) => [
      check.target,
      check.measured,
      check.pass ? 'pass' : 'MISS',
      check.pass ? '' : (check.reason ?? ''),
    ]),
  }
}
