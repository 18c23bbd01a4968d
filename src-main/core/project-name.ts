/**
 * Why a project name cannot be used, or null when it can. A project name becomes a folder name
 * (ao-rs) or a stored field, so it must be exactly one path segment: nothing that could reach
 * outside the store.
 */
export function projectNameProblem(name: string): string | null {
  if (name.length === 0 || name.trim().length === 0) return 'a project name cannot be empty'
  if (name === '.' || name === '..') return `"${name}" is not a project name`
  if (/[/\\]/.test(name)) return `"${name}" is not a single folder name (no / or \\)`
  if (/^[a-zA-Z]:/.test(name)) return `"${name}" looks like a drive path`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a project name cannot contain control characters'
  if (Buffer.byteLength(name) > 255) return 'a project name is limited to 255 bytes'
  if (name !== name.trim()) return 'a project name cannot start or end with spaces'
  return null
}
