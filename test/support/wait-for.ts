// Waiting on file-system watchers without fixed sleeps: poll a condition until it holds or a
// generous deadline passes (the machines that run the suite are slow and noisy).

export const WAIT_TIMEOUT_MS = 10_000
const POLL_MS = 20

/** Resolves with the first truthy value `probe` returns; rejects after `timeoutMs` naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = WAIT_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
