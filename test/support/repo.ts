import { resolve } from 'node:path'

/** The repository root, so tests name the files they use by their place in the repository. */
export const REPO = resolve(__dirname, '..', '..')

export const repoPath = (...segments: string[]): string => resolve(REPO, ...segments)
