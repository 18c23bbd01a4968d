// Plays an agent for the concurrency tests: rewrites its session file the way Oxios and Astrid do
// (read, add a message, write a temp file, rename it over the session), as fast as it can, at
// least COUNT times and then until its standard input closes (the test closes it once the app has
// raced it often enough, however slow the machine), at most 50 × COUNT times. Each write adds
// message "agent <i>", so a lost write shows as a gap; the last line it prints is "done <writes>".
// argv: <session path> <count> <oxios|astrid>
import { readFile, rename, writeFile } from 'node:fs/promises'

const [path, countText, format] = process.argv.slice(2)
const count = Number(countText)
let told = false
process.stdin.on('end', () => (told = true))
process.stdin.on('error', () => (told = true))
process.stdin.resume()

async function readFresh() {
  // The app briefly takes the file away while it swaps in a rewrite; an agent re-reading at that
  // instant retries, as a real one reloading its state would.
  for (let attempt = 0; ; attempt++) {
    try {
      return JSON.parse(await readFile(path, 'utf8'))
    } catch (error) {
      if (error.code !== 'ENOENT' || attempt > 10_000) throw error
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
}

let i = 0
while (i < count || (!told && i < count * 50)) {
  i++
  const session = await readFresh()
  if (format === 'astrid') session.messages.push({ role: 'user', content: `agent ${i}` })
  else session.user_messages.push({ content: `agent ${i}`, timestamp: new Date().toISOString() })
  const temp = `${path}.${process.pid}.${i}.tmp`
  await writeFile(temp, JSON.stringify(session, null, 2))
  await rename(temp, path)
  if (i % 10 === 0) process.stdout.write(`${i}\n`)
  // Uneven pauses, as a model's turns are: writes land at every phase of the app's rewrite.
  if (Math.random() < 0.5) await new Promise((resolve) => setTimeout(resolve, Math.random() * 3))
}
process.stdout.write(`done ${i}\n`)
process.stdin.destroy()
