import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { ServerMessage } from '../../../src-shared/ws-protocol'
import { makeTempDir, oxiosDocument, removeDir, writeOxios } from '../../support/fixtures'
import { waitFor } from '../../support/wait-for'
import { type FrameSpec, afterHead, closePayload, frame, rawConnect, serverCloseCode, upgradeRequest } from '../../support/raw-client'
import { repoPath } from '../../support/repo'

// Broken and hostile clients against the browser shell running as its own process: whatever one
// client sends, the process stays up and every other client keeps its answers. (The defect was an
// unhandled 'error' event, which kills the process, so only a real child process shows it.)

const MAX_PAYLOAD = 16 * 1024 * 1024
const CHILD = repoPath('test', 'support', 'shell-child.ts')

let dir: string
let args: string[]
let child: ChildProcess
let output = ''
let port: number
let token: string

const running = () => child.exitCode === null && child.signalCode === null

/** Starts the shell, again if a previous case killed it, so that every case stands on its own. */
async function startShell(): Promise<void> {
  output = ''
  child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const found = await waitFor('the shell to print its address', () => /127\.0\.0\.1:(\d+)\/\?token=(\w+)/.exec(output), 30_000)
  port = Number(found[1])
  token = found[2] as string
}

beforeAll(async () => {
  dir = await makeTempDir('shell-hostile')
  await writeOxios(join(dir, 'oxios', 'workspace', 'sessions'), oxiosDocument({ id: 's-one', projectId: 'web' }))
  const rendererDir = join(dir, 'renderer')
  await mkdir(rendererDir, { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>SessionScope</title>')
  args = [join(dir, 'oxios', 'workspace'), rendererDir, join(dir, 'data'), join(dir, 'home')]
  await startShell()
})

beforeEach(async () => {
  if (!running()) await startShell()
})

async function stopShell(): Promise<void> {
  if (!running()) return
  const exited = new Promise((done) => child.once('exit', done))
  child.kill('SIGTERM')
  await exited
}

// A shell that a failed case left dying must not be taken for a live one by the next case.
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await stopShell()
})

afterAll(async () => {
  await stopShell()
  await removeDir(dir)
})

function alive(): void {
  expect(child.exitCode, `the shell exited:\n${output}`).toBeNull()
  expect(child.signalCode, `the shell was killed:\n${output}`).toBeNull()
}

/** A well-behaved page's socket, connected for the whole case. */
async function goodClient() {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { headers: { Origin: `http://127.0.0.1:${port}` } })
  const replies = new Map<number, ServerMessage>()
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage
    if (message.type === 'response') replies.set(message.id, message)
  })
  ws.on('error', () => undefined)
  await new Promise((done, fail) => {
    ws.once('open', done)
    ws.once('error', fail)
  })
  let next = 1
  return {
    ws,
    async answers(): Promise<boolean> {
      const id = next++
      ws.send(JSON.stringify({ type: 'request', id, name: 'getSnapshot', args: [] }))
      const reply = await waitFor(`the good client's reply ${id}`, () => {
        if (!running()) throw new Error(`the shell died:\n${output}`)
        return replies.get(id)
      })
      return reply.type === 'response' && reply.ok
    },
  }
}

/** Opens a socket by hand, with the token, and waits for the server's 101. */
async function upgraded() {
  const raw = await rawConnect(port)
  raw.socket.write(upgradeRequest(port, `/ws?token=${token}`))
  await raw.waitFor((data) => afterHead(data) !== null, 'the handshake answer')
  expect(raw.received().toString('latin1')).toMatch(/^HTTP\/1\.1 101 /)
  return raw
}

const text = (payload: string | Buffer): FrameSpec => ({ opcode: 0x1, payload: Buffer.from(payload) })

// Each frame breaks RFC 6455 in one way; the close code is the one the RFC assigns to that breach.
const badFrames: Array<[string, FrameSpec, number]> = [
  ['a message announced over maxPayload', { opcode: 0x1, declaredLength: BigInt(MAX_PAYLOAD + 1) }, 1009],
  ['a length beyond 2^53', { opcode: 0x2, declaredLength: 2n ** 63n }, 1009],
  ['invalid UTF-8 in a text frame', text(Buffer.from([0x7b, 0xff, 0xfe, 0xfd])), 1007],
  ['an unmasked frame', { ...text('{}'), masked: false }, 1002],
  ['an unknown opcode', { opcode: 0x3, payload: Buffer.from('x') }, 1002],
  ['RSV1 without a negotiated extension', { ...text('{}'), rsv1: true }, 1002],
  ['close code 999', { opcode: 0x8, payload: closePayload(999) }, 1002],
  ['a close frame of one byte', { opcode: 0x8, payload: Buffer.from([0x03]) }, 1002],
  ['a fragmented ping', { opcode: 0x9, fin: false }, 1002],
  ['a continuation with nothing to continue', { opcode: 0x0, payload: Buffer.from('x') }, 1002],
]

describe('the browser shell, as a process, survives a client that sends', () => {
  it.each(badFrames)('%s: that socket is closed, the others carry on', async (_name, spec, code) => {
    const good = await goodClient()
    try {
      const raw = await upgraded()
      raw.socket.write(frame(spec))
      await raw.closed
      expect(serverCloseCode(raw.received())).toBe(code)
      alive()
      expect(await good.answers()).toBe(true)
      const another = await goodClient()
      expect(await another.answers()).toBe(true)
      another.ws.close()
    } finally {
      good.ws.close()
    }
  })

  it('bytes that are JSON but no request, or no JSON at all', async () => {
    const good = await goodClient()
    try {
      for (const payload of ['not json', '{"type":"request","id":"1"}', 'null', '[]']) {
        const raw = await upgraded()
        raw.socket.write(frame(text(payload)))
        // The server now waits for the client's half of the closing handshake, which this one never sends.
        await raw.waitFor((data) => serverCloseCode(data) !== null, `the close frame answering ${payload}`)
        expect(serverCloseCode(raw.received())).toBe(1003)
        raw.socket.destroy()
      }
      alive()
      expect(await good.answers()).toBe(true)
    } finally {
      good.ws.close()
    }
  })
})

describe('the browser shell, as a process, survives an HTTP client that', () => {
  const cases: Array<[string, (raw: Awaited<ReturnType<typeof rawConnect>>) => Promise<void>]> = [
    [
      'sends a malformed request line',
      async (raw) => {
        raw.socket.write('NOT A REQUEST\r\n\r\n')
        await raw.closed
        expect(raw.received().toString('latin1')).toMatch(/^HTTP\/1\.1 400 /)
      },
    ],
    [
      'asks for an absolute URL that does not parse',
      async (raw) => {
        raw.socket.write(`GET http://[::1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)
        await raw.waitFor((data) => afterHead(data) !== null, 'an answer')
        expect(raw.received().toString('latin1')).toMatch(/^HTTP\/1\.1 4\d\d /)
        raw.socket.destroy()
      },
    ],
    [
      'asks to upgrade at an absolute URL that does not parse',
      async (raw) => {
        raw.socket.write(upgradeRequest(port, 'http://[::1'))
        await raw.waitFor((data) => afterHead(data) !== null, 'an answer')
        expect(raw.received().toString('latin1')).toMatch(/^HTTP\/1\.1 4\d\d /)
        raw.socket.destroy()
      },
    ],
    [
      'resets the connection in the middle of a request',
      async (raw) => {
        raw.socket.write(`GET /?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Half: `)
        raw.socket.resetAndDestroy()
        await raw.closed
      },
    ],
    [
      'resets the connection after a refused upgrade',
      async (raw) => {
        raw.socket.write(upgradeRequest(port, '/ws?token=wrong'))
        await raw.waitFor((data) => afterHead(data) !== null, 'the refusal')
        expect(raw.received().toString('latin1')).toMatch(/^HTTP\/1\.1 403 /)
        raw.socket.resetAndDestroy()
        await raw.closed
      },
    ],
    [
      'resets the connection of an accepted socket',
      async (raw) => {
        raw.socket.write(upgradeRequest(port, `/ws?token=${token}`))
        await raw.waitFor((data) => afterHead(data) !== null, 'the handshake answer')
        raw.socket.resetAndDestroy()
        await raw.closed
      },
    ],
  ]

  it.each(cases)('%s', async (_name, act) => {
    const good = await goodClient()
    try {
      await act(await rawConnect(port))
      // The server sees a reset only after the test's side has sent it: a request behind it on
      // the good client's connection is answered only after the server has read that far.
      expect(await good.answers()).toBe(true)
      alive()
      const another = await goodClient()
      expect(await another.answers()).toBe(true)
      another.ws.close()
    } finally {
      good.ws.close()
    }
  })
})
