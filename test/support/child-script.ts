import { join, resolve } from 'node:path'
import { build } from 'esbuild'

/**
 * Bundles one of the test-support programs (or another entry point, such as the CLI's) into a
 * single CommonJS file in `dir`, so tests can run it as a plain `node` child process: it starts in
 * a fraction of tsx's time, and flags such as --max-old-space-size apply to it alone. Native
 * modules (better-sqlite3) stay outside the bundle, required from the repo by absolute path.
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
    plugins: [
      {
        // A native module cannot be bundled: the bundle loads it from the repo's node_modules,
        // where it finds its compiled .node.
        name: 'native-modules',
        setup(context) {
          context.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: require.resolve('better-sqlite3'), external: true }))
        },
      },
    ],
  })
  return outfile
}
