import { FORMAT_LABELS, STORE_FORMATS } from '../../src-main/core/model'

// Placeholder until the desktop-app issue brings the project tree and timelines.
export function App() {
  return (
    <main>
      <h1>SessionScope</h1>
      <p>Reads {STORE_FORMATS.map((format) => FORMAT_LABELS[format]).join(', ')} session stores.</p>
      <p>The interface is being built; use the command line for now: npm run --silent cli -- list</p>
    </main>
  )
}
