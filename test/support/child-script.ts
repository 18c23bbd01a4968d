import { join, resolve } from 'node:path'
import { build } from 'esbuild'

/**
 * Bundles one of the test-support programs (or another entry point, such as the CLI's) into a
 * single CommonJS file in `dir`, so tests can run it as a plain `node` child process: it starts in
 * a fraction of tsx's time, and flags such as --max-old-space-size apply to it alone.
 */
export async function bundleChildScript(name: string, dir: string, entry = resolve(__dirname, `${name}.ts`)): Promise<string> {
  const outfile = join(dir, `${name}.cjs`)
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'silent',
  })
  return outfile
}
