import { type ChildProcess, spawn } from 'node:child_process'
import { readFile, readdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores } from '../../../../src-main/core/listing'
import type { Store } from '../../../../src-shared/model'
import { makeTempDir, oxiosDocument, removeDir, writeOxios } from '../../../support/fixtures'
import { OWN_START, processStart } from '../../../../src-main/core/operations/process-identity'

// Leftovers of a rewrite killed between taking the session away and publishing the new version:
// the session must come back, or be reported, whoever holds the writer's pid now.

let dir: string
let store: Store
const children: ChildProcess[] = []

beforeEach(async () => {
  dir = await makeTempDir('leftovers')
  store = { format: 'oxios', root: join(dir, 'sessions') }
})
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  await removeDir(dir)
})

/** A live process that is not the writer of anything here. */
async function unrelatedProcess(): Promise<number> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' })
  children.push(child)
  await new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject))
  return child.pid as number
}

/** A pid whose process has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  await new Promise((resolve) => child.once('exit', resolve))
  return child.pid as number
}

/** Takes the session away under a backup name, as a killed rewrite leaves it. */
async function takeAway(path: string, writer: string): Promise<string> {
  const backup = join(store.root, `.${path.split('/').pop()}.ss-bak-${writer}-0a1b2c3d4e5f`)
  await rename(path, backup)
  return backup
}

async function names(): Promise<string[]> {
  return (await readdir(store.root)).sort()
}

describe('a backup left by a killed rewrite', () => {
  it('is put back when its pid now belongs to another process (a reused pid)', async () => {
    const path = await writeOxios(store.root, oxiosDocument({ id: 'reused' }))
    const text = await readFile(path, 'utf8')
    const pid = await unrelatedProcess()
    // The writer's start time is recorded with its pid; the live process there started otherwise.
    expect(processStart(pid)).not.toBeNull()
    await takeAway(path, `${pid}-1_1`)
    const listing = await listStores([store], { archived: true, repair: true })
    expect(listing.sessions.map((s) => s.id)).toEqual(['reused'])
    expect(listing.problems).toEqual([])
    expect(await readFile(path, 'utf8')).toBe(text)
    expect(await names()).toEqual(['reused.json'])
  })

  it('is put back when it names this very pid but another start (a process before a reboot)', async () => {
    const path = await writeOxios(store.root, oxiosDocument({ id: 'mine' }))
    await takeAway(path, `${process.pid}-1_1`)
    const listing = await listStores([store], { archived: true, repair: true })
    expect(listing.sessions.map((s) => s.id)).toEqual(['mine'])
    expect(await names()).toEqual(['mine.json'])
  })

  it('is put back when an older name carries only a pid that is alive again, once it is far older than a rewrite', async () => {
    const path = await writeOxios(store.root, oxiosDocument({ id: 'old-name' }))
    await takeAway(path, String(await unrelatedProcess()))
    const soon = await listStores([store], { archived: true, repair: true })
    // Young, and its pid alive: it may be a rewrite in progress, so it is left alone for now.
    expect(soon.sessions).toEqual([])
    const later = await listStores([store], { archived: true, repair: true, now: () => Date.now() + 3_600_000 })
    expect(later.sessions.map((s) => s.id)).toEqual(['old-name'])
    expect(await names()).toEqual(['old-name.json'])
  })

  it('is left alone while its writer, this process, may still be rewriting', async () => {
    const path = await writeOxios(store.root, oxiosDocument({ id: 'busy' }))
    const backup = await takeAway(path, `${process.pid}-${OWN_START}`)
    const listing = await listStores([store], { archived: true, repair: true })
    expect(listing.sessions).toEqual([])
    expect(listing.problems).toEqual([])
    expect(await names()).toEqual([backup.split('/').pop()])
  })

  it('is reported, and left alone, when its writer still runs long after a rewrite would have finished', async () => {
    const path = await writeOxios(store.root, oxiosDocument({ id: 'stuck' }))
    const backup = await takeAway(path, `${process.pid}-${OWN_START}`)
    const listing = await listStores([store], { archived: true, repair: true, now: () => Date.now() + 3_600_000 })
    expect(listing.problems).toEqual([{ path, reason: expect.stringContaining(`a backup left by an interrupted rewrite: ${backup}`) }])
    expect(await names()).toEqual([backup.split('/').pop()])
  })

  it('is reported by a read-only listing, which cannot put it back', async () => {
    const path = await writeOxios(store.root, oxiosDocument({ id: 'hidden' }))
    const backup = await takeAway(path, String(await deadPid()))
    const listing = await listStores([store], { archived: true })
    expect(listing.sessions).toEqual([])
    expect(listing.problems).toEqual([{ path, reason: expect.stringContaining(`a backup left by an interrupted rewrite: ${backup}`) }])
    expect(await names()).toEqual([backup.split('/').pop()])
  })

  it('is kept and reported, never deleted, when the file at its place may be older than it', async () => {
    const path = await writeOxios(store.root, oxiosDocument({ id: 'both', updatedAt: '2026-11-01T00:00:00Z' }))
    const inPlace = await readFile(path, 'utf8')
    // Written after the file in place: nothing says the file in place supersedes it.
    const backup = join(store.root, `.both.json.ss-bak-${await deadPid()}-0a1b2c3d4e5f`)
    const backupText = JSON.stringify(oxiosDocument({ id: 'both', updatedAt: '2026-11-02T00:00:00Z' }))
    await writeFile(backup, backupText)
    const listing = await listStores([store], { archived: true, repair: true })
    expect(listing.sessions.map((s) => s.path)).toEqual([path])
    expect(listing.problems).toEqual([{ path, reason: expect.stringContaining(`a backup left by an interrupted rewrite: ${backup}`) }])
    expect(await readFile(backup, 'utf8')).toBe(backupText)
    expect(await readFile(path, 'utf8')).toBe(inPlace)
  })
})
