import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import type * as Esbuild from 'esbuild'

// The parse worker for processes that run the TypeScript sources (the CLI under tsx, the browser
// shell, the tests): one JavaScript file bundled from them with esbuild, so each worker loads
// plain JavaScript. Through tsx's loader a worker took about a second of CPU to start (every
// module compiled and resolved over a hooks thread of its own); the bundle starts in a fraction
// of that. It is kept in node_modules/.cache beside the packages it imports (left external) and
// built again when any of its sources changed (their sizes and mtimes, listed in a manifest).

interface Manifest {
  file: string
  inputs: Array<{ path: string; size: number; mtimeMs: number }>
}

async function unchanged(manifest: Manifest): Promise<boolean> {
  try {
    await stat(manifest.file)
    const now = await Promise.all(manifest.inputs.map((input) => stat(input.path)))
    return now.every((info, i) => info.size === manifest.inputs[i]?.size && info.mtimeMs === manifest.inputs[i]?.mtimeMs)
  } catch {
    return false
  }
}

async function build(source: string, cacheDir: string, esbuild: typeof Esbuild): Promise<string> {
  const file = join(cacheDir, 'parse-worker.mjs')
  // Written beside, then renamed: a process starting its workers meanwhile sees a whole file.
  const partial = `${file}.${process.pid}.${Date.now()}.tmp`
  const result = await esbuild.build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    packages: 'external',
    outfile: partial,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: dirname(source),
  })
  const root = dirname(source)
  const inputs = await Promise.all(
    Object.keys(result.metafile.inputs).map(async (input) => {
      const path = resolve(root, input)
      const info = await stat(path)
      return { path, size: info.size, mtimeMs: info.mtimeMs }
    }),
  )
  await rename(partial, file)
  const manifest: Manifest = { file, inputs }
  const manifestPath = join(cacheDir, 'parse-worker.json')
  await writeFile(`${manifestPath}.${process.pid}.tmp`, JSON.stringify(manifest))
  await rename(`${manifestPath}.${process.pid}.tmp`, manifestPath)
  return file
}

/** The bundled worker for the worker source `source` (a .ts file), built unless up to date; null where esbuild is not at hand. */
export async function bundleWorker(source: string): Promise<string | null> {
  try {
    const require = createRequire(source)
    const esbuildPath = require.resolve('esbuild')
    // …/node_modules/esbuild/lib/main.js → …/node_modules/.cache/sessionscope
    const modules = esbuildPath.slice(0, esbuildPath.lastIndexOf('node_modules') + 'node_modules'.length)
    const cacheDir = join(modules, '.cache', 'sessionscope')
    const manifest = await readFile(join(cacheDir, 'parse-worker.json'), 'utf8')
      .then((text) => JSON.parse(text) as Manifest)
      .catch(() => null)
    if (manifest && dirname(manifest.file) === cacheDir && (await unchanged(manifest))) return manifest.file
    await mkdir(cacheDir, { recursive: true })
    return await build(source, cacheDir, require('esbuild') as typeof Esbuild)
  } catch {
    return null
  }
}

let bundled: Promise<string | null> | null = null

/** bundleWorker, once per process. */
export function workerBundle(source: string): Promise<string | null> {
  bundled ??= bundleWorker(source)
  return bundled
}
