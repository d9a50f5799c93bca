// PGlite (PostgreSQL in WASM) with pgvector, served over the wire protocol on loopback for the
// pgvector tests. Port from PGLITE_PORT. Prints "ready" once it listens. In memory: nothing is
// kept after it stops.
import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

const port = Number(process.env.PGLITE_PORT || 5499)
const db = await PGlite.create({ extensions: { vector } })
await db.exec('CREATE EXTENSION IF NOT EXISTS vector')
// PGlite runs one query at a time; the socket server queues those of several connections.
const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 8 })
await server.start()
console.log('ready', port)
const stop = async () => {
  await server.stop()
  await db.close()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
