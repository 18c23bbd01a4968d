/**
 * The folder name Claude Code keeps a working directory's sessions under (docs/formats/claude-code.md#project-folder-names): every
 * character outside [A-Za-z0-9] becomes "-"; past 200 characters, a hash of the original path
 * keeps names apart. Moving a session into a project given as a path uses it, so that
 * `claude --resume` run in that directory finds the session.
 */
export function encodeClaudeProjectDir(cwd: string): string {
  const encoded = cwd.replace(/[^a-zA-Z0-9]/g, '-')
  if (encoded.length <= 200) return encoded
  let hash = 0
  for (let i = 0; i < cwd.length; i++) hash = ((hash << 5) - hash + cwd.charCodeAt(i)) | 0
  return `${encoded.slice(0, 200)}-${Math.abs(hash).toString(36)}`
}

export function isAbsoluteProjectPath(name: string): boolean {
  return name.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(name)
}
