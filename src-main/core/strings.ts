/**
 * A copy of text that shares no memory with the string it was cut from: V8 represents a slice
 * (13 characters or more) as a view of its parent, so a short title or a capped message kept in
 * a summary would otherwise keep a whole message, or a whole piece of a file, alive. Joining
 * forces a flat copy of the concatenation; slicing that copy only refers to the copy.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1)
}
