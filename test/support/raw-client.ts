// Hand-made WebSocket traffic for the tests: frames built byte by byte (RFC 6455, section 5.2), so
// a test can send exactly the malformed frame a hostile or broken client would, over a plain TCP
// socket that has done the opening handshake itself.

import { type Socket, connect } from 'node:net'

export interface FrameSpec {
  opcode: number
  payload?: Buffer
  fin?: boolean
  rsv1?: boolean
  /** Clients must mask every frame; false sends it in the clear. */
  masked?: boolean
  /** The length the header announces, when it is to differ from the payload sent. */
  declaredLength?: bigint
}

export function frame(spec: FrameSpec): Buffer {
  const payload = spec.payload ?? Buffer.alloc(0)
  const length = spec.declaredLength ?? BigInt(payload.length)
  const masked = spec.masked ?? true
  const first = ((spec.fin ?? true) ? 0x80 : 0) | (spec.rsv1 ? 0x40 : 0) | spec.opcode
  const maskBit = masked ? 0x80 : 0
  let header: Buffer
  if (length < 126n) {
    header = Buffer.from([first, maskBit | Number(length)])
  } else if (length < 65536n) {
    header = Buffer.alloc(4)
    header.writeUInt16BE(Number(length), 2)
    header[1] = maskBit | 126
  } else {
    header = Buffer.alloc(10)
    header.writeBigUInt64BE(length, 2)
    header[1] = maskBit | 127
  }
  header[0] = first
  if (!masked) return Buffer.concat([header, payload])
  const key = Buffer.from([0x37, 0xfa, 0x21, 0x3d])
  const body = Buffer.from(payload.map((byte, i) => byte ^ (key[i % 4] as number)))
  return Buffer.concat([header, key, body])
}

export function closePayload(code: number): Buffer {
  const payload = Buffer.alloc(2)
  payload.writeUInt16BE(code)
  return payload
}

export interface RawConnection {
  socket: Socket
  /** Everything received so far. */
  received(): Buffer
  /** Resolves once what has arrived satisfies `condition`; rejects if the connection closes first. */
  waitFor(condition: (received: Buffer) => boolean, what: string): Promise<void>
  closed: Promise<void>
}

export async function rawConnect(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1')
  let data = Buffer.alloc(0)
  const listeners = new Set<() => void>()
  socket.on('data', (chunk: Buffer) => {
    data = Buffer.concat([data, chunk])
    for (const listener of listeners) listener()
  })
  // A server that resets the connection is an answer these tests accept, not a failure of the test.
  socket.on('error', () => undefined)
  const closed = new Promise<void>((done) => socket.once('close', () => done()))
  await new Promise<void>((done, fail) => {
    socket.once('connect', done)
    socket.once('error', fail)
  })
  return {
    socket,
    received: () => data,
    closed,
    waitFor(condition, what) {
      return new Promise((done, fail) => {
        const check = () => {
          if (condition(data)) {
            listeners.delete(check)
            done()
          }
        }
        listeners.add(check)
        void closed.then(() => {
          if (condition(data)) return
          fail(new Error(`the connection closed before ${what}; received ${JSON.stringify(data.toString('latin1'))}`))
        })
        check()
      })
    },
  }
}

export function upgradeRequest(port: number, path: string, origin = `http://127.0.0.1:${port}`): string {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Origin: ${origin}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n')
}

/** The bytes after the HTTP answer's head, where the WebSocket frames start. */
export function afterHead(received: Buffer): Buffer | null {
  const end = received.indexOf('\r\n\r\n')
  return end < 0 ? null : received.subarray(end + 4)
}

/** The status code of the close frame the server sent first, if it sent one. */
export function serverCloseCode(received: Buffer): number | null {
  const frames = afterHead(received)
  if (!frames || frames.length < 4 || frames[0] !== 0x88) return null
  return frames.readUInt16BE(2)
}
