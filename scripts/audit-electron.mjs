// npm run audit:electron: runs Electronegativity on the sources and the built bundles, offline,
// and fails on any finding scripts/electronegativity-allowlist.json does not explain.
//   node scripts/audit-electron.mjs [--input DIR] [--allowlist FILE]
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

// Electronegativity is CommonJS, and its network client is swapped in require's own cache.
const require = createRequire(import.meta.url)
const __dirname = import.meta.dirname

const args = process.argv.slice(2)
const option = (name, fallback) => (args.includes(name) ? resolve(args[args.indexOf(name) + 1]) : fallback)
const input = option('--input', join(__dirname, '..'))
const allowlistPath = option('--allowlist', join(__dirname, 'electronegativity-allowlist.json'))

// Electronegativity fetches translations and Electron's release list with got. Offline is the normal
// case here: got answers "no update" at once, and the release check (network only) is excluded below.
const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'))
const gotPath = require.resolve('got', { paths: [packageDir] })
const offline = async () => ({ statusCode: 404, body: '', headers: {} })
offline.head = async () => {
  throw new Error('offline')
}
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline, children: [], paths: [] }
process.env.LANG = 'en-US'
const run = require('@doyensec/electronegativity')

const allowlist = JSON.parse(readFileSync(allowlistPath, 'utf8'))
const globToRegExp = (glob) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`)
const entries = allowlist.findings.map((entry) => {
  if (!entry.check || !Array.isArray(entry.files) || typeof entry.reason !== 'string' || entry.reason.trim().length < 20) {
    throw new Error(`${allowlistPath}: every entry needs a check, its files and a reason: ${JSON.stringify(entry)}`)
  }
  return { ...entry, patterns: entry.files.map(globToRegExp), used: 0 }
})

async function main() {
  const result = await run(
    {
      input,
      isRelative: true,
      customScan: [],
      excludeFromScan: allowlist.excludedChecks.map((entry) => entry.check.toLowerCase()),
      parserPlugins: [],
    },
    false,
  )
  const unexplained = []
  for (const issue of result.issues) {
    const file = issue.file.split('\\').join('/')
    const entry = entries.find((candidate) => candidate.check === issue.id && candidate.patterns.some((pattern) => pattern.test(file)))
    if (entry) entry.used += 1
    else
      unexplained.push(
        `${issue.id} (${issue.severity.name}) ${file}:${issue.location.line}  ${String(issue.sample ?? '')
          .trim()
          .slice(0, 120)}`,
      )
  }
  // A file it could not parse is a file it did not check.
  const unreadable = result.errors.filter((error) => !error.tolerable)
  console.log(
    `electronegativity: ${result.issues.length} finding(s), ${result.issues.length - unexplained.length} explained in ${allowlistPath}`,
  )
  for (const entry of entries)
    if (entry.used === 0) console.log(`  no longer found (remove the entry?): ${entry.check} ${entry.files.join(', ')}`)
  for (const error of unreadable) console.error(`  could not parse ${error.file}: ${error.message}`)
  for (const line of unexplained) console.error(`  unexplained: ${line}`)
  if (unexplained.length > 0 || unreadable.length > 0) {
    console.error('Fix each finding, or explain it with one entry (check, files, reason) in the allowlist.')
    process.exit(1)
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
