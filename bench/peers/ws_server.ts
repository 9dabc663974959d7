/*
| The ceiling: a bare `ws` room-broadcast server speaking the same frames as
| roomchat (join → joined + replay, send → ack + message to the room), with
| no authentication and no persistence (an in-memory log per room). Same ws
| settings and the same "serialise once, send the buffer to every socket"
| hot path. Run as its own process by the bench; reports its port over IPC.
*/
import { createServer } from 'node:http'
import '../stack/heap_probe.js'
import { WebSocketServer, type WebSocket } from 'ws'

/** Messages kept per room for replay */
const LOG_LIMIT = 20_000

type Room = { seq: number; sockets: Set<WebSocket>; log: Buffer[] }

const rooms = new Map<number, Room>()
let nextMessageId = 1

const roomOf = (id: number) => {
  let room = rooms.get(id)
  if (!room) {
    room = { seq: 0, sockets: new Set(), log: [] }
    rooms.set(id, room)
  }
  return room
}

const server = createServer((_request, response) => response.writeHead(404).end())
const wss = new WebSocketServer({
  server,
  path: '/ws',
  clientTracking: false,
  perMessageDeflate: false,
  maxPayload: 16 * 1024,
})

wss.on('connection', (socket, request) => {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams
  const user = { id: Number(query.get('id') ?? 0), username: query.get('username') ?? 'anonymous' }
  const joined = new Set<number>()

  socket.on('message', (data) => {
    let frame: { type?: string; room?: number; since?: number; client_id?: string; text?: string }
    try {
      frame = JSON.parse(data.toString())
    } catch {
      return
    }
    if (typeof frame.room !== 'number') {
      return
    }
    const room = roomOf(frame.room)
    if (frame.type === 'join') {
      joined.add(frame.room)
      room.sockets.add(socket)
      socket.send(
        JSON.stringify({ type: 'joined', room: frame.room, last_seq: room.seq, online: [] })
      )
      if (typeof frame.since === 'number') {
        const firstSeq = room.seq - room.log.length + 1
        for (
          let index = Math.max(0, frame.since + 1 - firstSeq);
          index < room.log.length;
          index++
        ) {
          socket.send(room.log[index], { binary: false })
        }
      }
    } else if (frame.type === 'send' && joined.has(frame.room)) {
      const seq = ++room.seq
      const id = nextMessageId++
      socket.send(
        JSON.stringify({ type: 'ack', room: frame.room, client_id: frame.client_id, seq, id })
      )
      const message = Buffer.from(
        JSON.stringify({
          type: 'message',
          room: frame.room,
          seq,
          id,
          user,
          text: frame.text,
          client_id: frame.client_id,
          created_at: new Date().toISOString(),
        })
      )
      room.log.push(message)
      if (room.log.length > LOG_LIMIT) {
        room.log.shift()
      }
      for (const member of room.sockets) {
        member.send(message, { binary: false })
      }
    }
  })
  socket.on('close', () => {
    for (const id of joined) {
      rooms.get(id)?.sockets.delete(socket)
    }
  })
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.send?.({ ready: typeof address === 'object' && address ? address.port : 0 })
})
process.once('SIGTERM', () => process.exit(0))
process.once('disconnect', () => process.exit(0))
