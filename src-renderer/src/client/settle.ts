import type { Outcome } from '../../../src-shared/contract'

/** A client call's outcome, with a call that throws or rejects as a failed one. */
export async function settle<T>(call: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await call()
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
}
