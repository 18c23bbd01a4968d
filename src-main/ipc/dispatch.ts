import type { ClientRequests } from '../../src-shared/contract'
import { InvalidRequest, VALIDATORS, isRequestName } from './validators'

/** What travels back for every request, in both shells: a result, or an error message. */
export type Reply = { ok: true; result: unknown } | { ok: false; error: string }

/**
 * Validates a request's arguments and passes it to the service. Shared by the Electron main
 * process and the browser shell, so both refuse exactly the same malformed requests.
 */
export async function dispatch(service: Partial<ClientRequests>, name: unknown, args: unknown): Promise<Reply> {
  if (!isRequestName(name)) return { ok: false, error: `unknown request ${JSON.stringify(name)}` }
  let checked: unknown[]
  try {
    checked = VALIDATORS[name](args as unknown[])
  } catch (error) {
    if (error instanceof InvalidRequest) return { ok: false, error: `invalid ${name} request: ${error.message}` }
    throw error
  }
  const handler = service[name] as ((...params: unknown[]) => Promise<unknown>) | undefined
  if (typeof handler !== 'function') return { ok: false, error: `${name} is not handled here` }
  try {
    return { ok: true, result: await handler.apply(service, checked) }
  } catch (error) {
    console.error(`sessionscope: ${name} failed:`, error)
    return { ok: false, error: `${name} failed: ${error instanceof Error ? error.message : String(error)}` }
  }
}
