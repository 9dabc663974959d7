// Reads `npm audit --json` on stdin; exit code 1 on a high or critical
// advisory. No report (the advisory endpoint refused or was unreachable)
// is printed as skipped.
let input = ''
process.stdin.on('data', (chunk) => (input += chunk))
process.stdin.on('end', () => {
  let report = {}
  try {
    report = JSON.parse(input)
  } catch {}
  if (!report.metadata) {
    const reason = report.message ?? report.error?.summary ?? 'no report'
    console.log(`npm audit: skipped, the advisory endpoint did not answer (${reason})`)
    return
  }
  const serious = Object.values(report.vulnerabilities ?? {}).filter((advisory) =>
    ['high', 'critical'].includes(advisory.severity)
  )
  console.log(`npm audit (production dependencies): ${JSON.stringify(report.metadata.vulnerabilities)}`)
  for (const advisory of serious) {
    console.log(`  ${advisory.severity}: ${advisory.name} ${advisory.range}`)
  }
  process.exitCode = serious.length > 0 ? 1 : 0
})
