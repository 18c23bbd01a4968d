import { mkdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StoreError, defaultStores, resolveStoreDir, resolveStores } from '../../../src-main/core/stores'
import {
  aoDocument,
  astridDocument,
  makeTempDir,
  oxiosDocument,
  removeDir,
  writeAo,
  writeAstrid,
  writeFileDeep,
  writeOxios,
} from '../../support/fixtures'

let home: string
beforeEach(async () => {
  home = await makeTempDir('home')
})
afterEach(() => removeDir(home))

const ASTRID_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'

async function seedAll() {
  const oxios = join(home, '.oxios', 'workspace', 'sessions')
  const astrid = join(home, '.astrid', 'sessions')
  const ao = join(home, '.ao-rs', 'sessions')
  await writeOxios(oxios, oxiosDocument({ id: 'o1' }))
  await writeFileDeep(join(home, '.oxios', 'workspace', 'agents', 'a.json'), '{}')
  await writeAstrid(astrid, astridDocument({ id: ASTRID_ID }))
  await writeAo(ao, aoDocument({ id: 'a1' }))
  // ao-rs keeps a cost ledger of YAML files beside its sessions folder.
  await writeFileDeep(join(home, '.ao-rs', 'cost-ledger', '2026-11.yaml'), 'entries: []\n')
  return { oxios, astrid, ao }
}

describe('resolveStoreDir', () => {
  it('accepts a sessions folder itself, telling Oxios from Astrid by content', async () => {
    const { oxios, astrid, ao } = await seedAll()
    expect(await resolveStoreDir(oxios)).toEqual([{ format: 'oxios', root: oxios }])
    expect(await resolveStoreDir(astrid)).toEqual([{ format: 'astrid', root: astrid }])
    expect(await resolveStoreDir(ao)).toEqual([{ format: 'ao', root: ao }])
  })

  it('accepts the agent home that holds the sessions folder', async () => {
    const { oxios, astrid, ao } = await seedAll()
    expect(await resolveStoreDir(join(home, '.oxios', 'workspace'))).toEqual([{ format: 'oxios', root: oxios }])
    expect(await resolveStoreDir(join(home, '.oxios'))).toEqual([{ format: 'oxios', root: oxios }])
    expect(await resolveStoreDir(join(home, '.astrid'))).toEqual([{ format: 'astrid', root: astrid }])
    expect(await resolveStoreDir(join(home, '.ao-rs'))).toEqual([{ format: 'ao', root: ao }])
  })

  it('detects stores by content wherever they live, and a relative path resolves to an absolute root', async () => {
    const elsewhere = join(home, 'backup', 'copy')
    await writeAstrid(elsewhere, astridDocument({ id: ASTRID_ID }))
    expect(await resolveStoreDir(elsewhere)).toEqual([{ format: 'astrid', root: elsewhere }])
    const relativePath = relative(process.cwd(), elsewhere)
    expect(await resolveStoreDir(relativePath)).toEqual([{ format: 'astrid', root: elsewhere }])
  })

  it('treats an empty folder as an empty store, named by its agent when the path says which', async () => {
    const plain = join(home, 'empty')
    await mkdir(plain)
    expect(await resolveStoreDir(plain)).toEqual([])
    const codexHome = join(home, '.codex')
    await mkdir(join(codexHome, 'sessions'), { recursive: true })
    expect(await resolveStoreDir(codexHome)).toEqual([{ format: 'codex', root: codexHome }])
    const astridHome = join(home, '.astrid')
    await mkdir(join(astridHome, 'sessions'), { recursive: true })
    expect(await resolveStoreDir(astridHome)).toEqual([{ format: 'astrid', root: join(astridHome, 'sessions') }])
  })

  it('refuses a missing path, a file and a folder that holds no sessions', async () => {
    await expect(resolveStoreDir(join(home, 'nope'))).rejects.toThrow(StoreError)
    await expect(resolveStoreDir(join(home, 'nope'))).rejects.toThrow(/no such directory/)
    const file = await writeFileDeep(join(home, 'file.txt'), 'x')
    await expect(resolveStoreDir(file)).rejects.toThrow(/not a directory/)
    await writeFileDeep(join(home, 'docs', 'readme.md'), '# hi')
    await writeFileDeep(join(home, 'docs', 'package.json'), '{"name": "x"}')
    await expect(resolveStoreDir(join(home, 'docs'))).rejects.toThrow(/does not look like a session store/)
  })
})

describe('default stores', () => {
  it('uses every well-known store that exists under the home folder', async () => {
    const { oxios, astrid, ao } = await seedAll()
    expect(await defaultStores(home, {})).toEqual([
      { format: 'oxios', root: oxios },
      { format: 'astrid', root: astrid },
      { format: 'ao', root: ao },
    ])
  })

  it('honours ASTRID_HOME and skips stores that do not exist', async () => {
    const custom = join(home, 'astrid-data')
    await writeAstrid(join(custom, 'sessions'), astridDocument({ id: ASTRID_ID }))
    expect(await defaultStores(home, { ASTRID_HOME: custom })).toEqual([{ format: 'astrid', root: join(custom, 'sessions') }])
  })

  it('collapses the same store named twice', async () => {
    const { oxios } = await seedAll()
    expect(await resolveStores([oxios, join(home, '.oxios', 'workspace')], home, {})).toEqual([{ format: 'oxios', root: oxios }])
  })
})
