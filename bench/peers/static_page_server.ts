/*
| The HTTP ceiling: plain node:http answering every request with one constant
| HTML page of PAGE_BYTES bytes (the size of the room page), no framework.
| Run as its own process by the bench; reports its port over IPC.
*/
import { createServer } from 'node:http'

const size = Number(process.env.PAGE_BYTES ?? 10_000)
const shell = '<!doctype html><html><head><title>Constant page</title></head><body><p>'
const tail = '</p></body></html>'
const page = Buffer.from(shell + 'x'.repeat(Math.max(0, size - shell.length - tail.length)) + tail)

const server = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': page.length,
  })
  response.end(page)
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.send?.({ ready: typeof address === 'object' && address ? address.port : 0 })
})
process.once('SIGTERM', () => process.exit(0))
process.once('disconnect', () => process.exit(0))
