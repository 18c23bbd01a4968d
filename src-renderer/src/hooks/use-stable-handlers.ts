import { useLayoutEffect, useRef, useState } from 'react'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any handler signature may be wrapped
type Handler = (...args: any[]) => unknown

/**
 * An object that is the same on every render and whose methods call the latest `handlers`, so a
 * memoised child given it re-renders for its own data only. `handlers` must keep the same names.
 */
export function useStableHandlers<T extends { [K in keyof T]: Handler }>(handlers: T): T {
  const latest = useRef(handlers)
  // Updated after each commit: an event arriving before it sees the handlers of the DOM it hit.
  useLayoutEffect(() => {
    latest.current = handlers
  })
  const [stable] = useState(() => {
    const wrapped: Record<string, Handler> = {}
    for (const name of Object.keys(handlers) as Array<keyof T & string>) wrapped[name] = (...args) => latest.current[name](...args)
    return wrapped as T
  })
  return stable
}
