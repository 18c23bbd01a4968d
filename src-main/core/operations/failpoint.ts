/**
 * Kills the process on the spot when SESSIONSCOPE_FAILPOINT names this point. The crash tests
 * use it to stop a real writer at every step between two disk changes, on top of random kills;
 * outside those tests the variable is unset and this is one comparison.
 */
export function failpoint(name: string): void {
  if (process.env.SESSIONSCOPE_FAILPOINT === name) process.kill(process.pid, 'SIGKILL')
}

/** Every failpoint, so the crash test can be sure to visit each. */
export const FAILPOINTS = [
  'rewrite:temp-written',
  'rewrite:original-taken',
  'rewrite:published',
  'create:temp-written',
  'relocate:copy-created',
  'remove:original-taken',
  'move-in:linked',
  'move-own:renamed',
] as const
