/*
| The peer: a Socket.IO room-broadcast server doing what roomchat does on the
| wire (join a room, send → acknowledgement with seq + the message to every
| member of the room, sender included), in memory, no auth. Run as its own
| process by the bench; reports its port over IPC.
*/
import { createServer } from 'node:http'
import '../stack/heap_probe.js'
import { Server } from 'socket.io'

const seqs = new Map<number, number>()
let nextMessageId = 1

const server = createServer()
const io = new Server(server, { perMessageDeflate: false, maxHttpBufferSize: 16 * 1024 })

io.on('connection', (socket) => {
  const user = {
    id: Number(socket.handshake.query.id ?? 0),
    username: String(socket.handshake.query.username ?? 'anonymous'),
  }
  socket.on('join', (frame: { room: number }, ack: (reply: unknown) => void) => {
    socket.join(`room:${frame.room}`)
    ack({ room: frame.room, last_seq: seqs.get(frame.room) ?? 0, online: [] })
  })
  socket.on(
    'send',
    (frame: { room: number; client_id: string; text: string }, ack: (reply: unknown) => void) => {
      if (!socket.rooms.has(`room:${frame.room}`)) {
        return
      }
      const seq = (seqs.get(frame.room) ?? 0) + 1
      seqs.set(frame.room, seq)
      const id = nextMessageId++
      ack({ room: frame.room, client_id: frame.client_id, seq, id })
      io.to(`room:${frame.room}`).emit('message', {
        room: frame.room,
        seq,
        id,
        user,
        text: frame.text,
        client_id: frame.client_id,
        created_at: new Date().toISOString(),
      })
    }
  )
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.send?.({ ready: typeof address === 'object' && address ? address.port : 0 })
})
process.once('SIGTERM', () => process.exit(0))
process.once('disconnect', () => process.exit(0))
