import type { Table } from './table.js'

/**
 * One target of the issue, met or missed by a measured value
 */
export type TargetCheck = { target: string; measured: string; pass: boolean }

/**
 * A target check: `pass` says whether `value` met it
 */
export function checkTarget(target: string, value: number, pass: boolean, unit = ''): TargetCheck {
  const measured = Number.isFinite(value) ? `${+value.toFixed(2)}${unit}` : 'not measured'
  return { target, measured, pass: Number.isFinite(value) && pass }
}

/**
 * The closing table: every target with pass or miss (a miss never fails the run)
 */
export function targetsTable(checks: TargetCheck[]): Table {
  return {
    title: 'Targets (a miss is reported, never fatal)',
    headers: ['target', 'measured', 'result'],
    rows: checks.map((check) => [check.target, check.measured, check.pass ? 'pass' : 'MISS']),
  }
}
