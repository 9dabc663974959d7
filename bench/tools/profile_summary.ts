/*
| node --import @poppinss/ts-exec bench/tools/profile_summary.ts <file.cpuprofile> [--top=25] [--skip=10] [--until=20]
|
| Prints the functions with the most self time in a V8 .cpuprofile (written
| when BENCH_CPU_PROF=app,chat-a,… is set for `npm run bench`), and the
| packages or project folders that time belongs to. --skip leaves out the
| first seconds (boot); idle time is left out.
*/
import { readFileSync } from 'node:fs'

type ProfileNode = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const args = process.argv.slice(2)
const file = args.find((arg) => !arg.startsWith('--'))
const option = (name: string, fallback: number) =>
  Number(args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
if (!file) {
  console.error(
    'usage: profile_summary.ts <file.cpuprofile> [--top=25] [--skip=seconds] [--until=seconds]'
  )
  process.exit(1)
}
const top = option('top', 25)
const skipMs = option('skip', 0) * 1000
const untilMs = option('until', Infinity) * 1000
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile

const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const selfMs = new Map<number, number>()
let elapsedMs = 0
profile.samples.forEach((id, index) => {
  const deltaMs = (profile.timeDeltas[index] ?? 0) / 1000
  elapsedMs += deltaMs
  if (
    elapsedMs >= skipMs &&
    elapsedMs < untilMs &&
    byId.get(id)!.callFrame.functionName !== '(idle)'
  ) {
    selfMs.set(id, (selfMs.get(id) ?? 0) + deltaMs)
  }
})
const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0)

/** Where a script belongs: an npm package, a project folder or node internals */
function ownerOf(url: string) {
  if (!url) {
    return '(native / V8)'
  }
  const modules = url.lastIndexOf('node_modules/')
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/')
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
  }
  if (url.startsWith('node:')) {
    return 'node internals'
  }
  const project = url.replace(/^file:\/\//, '').split('/')
  return project.slice(-2, -1)[0] ? `./${project.slice(-3, -1).join('/')}` : url
}

const functions = new Map<string, number>()
const owners = new Map<string, number>()
for (const [id, ms] of selfMs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame
  const key = `${functionName || '(anonymous)'}  ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`
  functions.set(key, (functions.get(key) ?? 0) + ms)
  owners.set(ownerOf(url), (owners.get(ownerOf(url)) ?? 0) + ms)
}

const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`)
  for (const [name, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((ms / total) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${name}`
    )
  }
}
console.log(
  `${file}: ${(total / 1000).toFixed(1)} s busy from ${skipMs / 1000} s to ${untilMs / 1000} s`
)
print('Self time by package or folder', owners)
print('Self time by function', functions)
