import { isRecord, optionalNumber, optionalRecord, optionalString } from '../../shape'
import { TEXT_CAP, capText, contentText } from './texts'

// What a tool call's arguments and output say. Codex has written both in several shapes over its
// versions (docs/formats/codex-cli.md#turns-tool-calls-and-results).

/** function_call.arguments is JSON in a string, but need not be: the parsed value, else the string. */
export function parseArguments(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw ?? null
  if (raw.length > TEXT_CAP) return capText(raw)
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

export interface OutputFacts {
  text: string | null
  /** The exit code the output reports, where it reports one. */
  exitCode: number | null
  success: boolean | null
  durationSeconds: number | null
}

const EXIT_LINE = /^(?:Process exited with code|Exit code:) (-?\d+)\s*$/m

/** The lines of a shell tool's output before its "Output:" line (where Codex puts the exit code). */
function outputHeader(text: string): string {
  const head = text.slice(0, 2048)
  const marker = head.indexOf('\nOutput:')
  return marker >= 0 ? head.slice(0, marker) : head.slice(0, 512)
}

/** What a tool output says: its text, and the exit code, success flag and duration it records. */
export function outputFacts(output: unknown): OutputFacts {
  const facts: OutputFacts = { text: null, exitCode: null, success: null, durationSeconds: null }
  if (typeof output === 'string') {
    facts.text = output
    // Legacy shell output: a JSON string {"output": …, "metadata": {"exit_code", "duration_seconds"}}.
    if (output.startsWith('{') && output.includes('"metadata"')) {
      try {
        const parsed: unknown = JSON.parse(output)
        const metadata = isRecord(parsed) ? optionalRecord(parsed, 'metadata') : undefined
        if (isRecord(parsed) && metadata) {
          facts.exitCode = optionalNumber(metadata, 'exit_code')
          facts.durationSeconds = optionalNumber(metadata, 'duration_seconds')
          const inner = optionalString(parsed, 'output')
          if (inner !== null) facts.text = inner
          return facts
        }
      } catch {
        // Not JSON after all: plain text.
      }
    }
    const exit = EXIT_LINE.exec(outputHeader(output))
    if (exit) facts.exitCode = Number(exit[1])
    return facts
  }
  if (Array.isArray(output)) {
    facts.text = contentText(output)
    return facts
  }
  if (isRecord(output)) {
    // Some older versions: {content, success}.
    facts.text =
      typeof output.content === 'string'
        ? output.content
        : output.content === undefined
          ? JSON.stringify(output)
          : contentText(output.content)
    if (typeof output.success === 'boolean') facts.success = output.success
    return facts
  }
  return facts
}
