/*
| Loaded into every server the bench starts (preloaded into the app and chat
| processes, imported by the peers). On the IPC message `{ heapProbe: n }` it
| runs two full garbage collections and answers `{ heapProbe: n, heapUsed,
| rss }`, so the connection scenario can tell what the sockets hold from the
| heap slack a process has not collected yet. It changes nothing else.
*/
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** Exposed on the first probe only: the flag alone changes how V8 sizes the heap */
let collect: (() => void) | undefined

process.on('message', (message: { heapProbe?: number }) => {
  if (typeof message?.heapProbe !== 'number') {
    return
  }
  if (!collect) {
    setFlagsFromString('--expose-gc')
    collect = runInNewContext('gc') as () => void
  }
  collect()
  collect()
  const { heapUsed, rss } = process.memoryUsage()
  process.send?.({ heapProbe: message.heapProbe, heapUsed, rss })
})
process.channel?.unref()
