// Type-ahead in the tree: letters typed in quick succession make one search; a pause starts anew.
import { useCallback, useEffect, useRef } from 'react'
import { typeAhead } from '../state/typeahead'

const PAUSE_MS = 700

export interface TypeAhead {
  /** Whether a search is under way (a space then types on, rather than selecting). */
  pending(): boolean
  /** Adds `key` to the search; the index of the row it finds in `texts` from `from`, or -1. */
  search(key: string, texts: readonly string[], from: number): number
}

export function useTypeAhead(): TypeAhead {
  const typed = useRef({ buffer: '', at: 0 })

  // Keep the buffer from leaking into a later, unrelated key press.
  useEffect(() => {
    const timer = setInterval(() => {
      if (typed.current.buffer && performance.now() - typed.current.at > PAUSE_MS) typed.current = { buffer: '', at: 0 }
    }, 1000)
    return () => clearInterval(timer)
  }, [])

  const pending = useCallback(() => typed.current.buffer !== '', [])
  const search = useCallback((key: string, texts: readonly string[], from: number) => {
    const at = performance.now()
    const buffer = at - typed.current.at > PAUSE_MS ? key : typed.current.buffer + key
    typed.current = { buffer, at }
    return typeAhead(texts, from, buffer)
  }, [])
  return { pending, search }
}
