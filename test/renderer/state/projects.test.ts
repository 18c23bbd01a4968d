import { describe, expect, it } from 'vitest'
import { keyLabel, pathLabel, projectChoices, projectLabels, projectMatches } from '../../../src-renderer/src/state/projects'
import { STORE_A, STORE_CLAUDE, claude, summary } from '../../support/summaries'
import { storeIdsByRoot } from '../../../src-renderer/src/state/sessions'
import { capabilitiesOf } from '../../../src-main/core/formats/registry'

describe('project labels', () => {
  it('names most formats by their key, a path by its last segment', () => {
    expect(keyLabel('billing-api')).toEqual({ label: 'billing-api', name: 'billing-api', detail: null, tooltip: 'billing-api' })
    expect(keyLabel('/home/u/src/web')).toEqual({
      label: 'web',
      name: '/home/u/src/web',
      detail: '/home/u/src/web',
      tooltip: '/home/u/src/web',
    })
    expect(keyLabel(null)).toMatchObject({ label: 'Unfiled', name: 'Unfiled', detail: null })
  })

  it('names a Claude Code project after the newest recorded cwd, never by decoding its folder key', () => {
    const labels = projectLabels(capabilitiesOf('claude').namesProjectsByPath, [
      claude('old', { project: '-home-u-my-app', projectPath: '/home/u/my-app-old', updatedAt: '2026-01-01T00:00:00.000Z' }),
      claude('new', { project: '-home-u-my-app', projectPath: '/home/u/my-app', updatedAt: '2026-02-01T00:00:00.000Z' }),
      claude('none', { project: '-home-u-my-app', projectPath: null, updatedAt: '2026-03-01T00:00:00.000Z' }),
      claude('bare', { project: '-home-u-bare', projectPath: null }),
    ])
    expect(labels.get('-home-u-my-app')).toEqual({ label: 'my-app', name: 'my-app', detail: '/home/u/my-app', tooltip: '-home-u-my-app' })
    expect(labels.get('-home-u-bare')).toMatchObject({ label: '-home-u-bare', detail: null })
    expect(pathLabel('-x', '')).toMatchObject({ label: '-x' })
  })

  it('offers a store’s projects to the dialogs by label, matching label, path or key', () => {
    const sessions = [
      claude('a', { project: '-home-u-work-zed', projectPath: '/home/u/work/zed' }),
      claude('b', { project: '-home-u-src-app', projectPath: '/home/u/src/app' }),
      claude('c', { project: null }),
      summary('d', { project: 'elsewhere' }),
    ]
    const choices = projectChoices(STORE_CLAUDE, storeIdsByRoot([STORE_CLAUDE, STORE_A]), sessions)
    expect(choices.map((choice) => [choice.project, choice.label.label])).toEqual([
      ['-home-u-src-app', 'app'],
      ['-home-u-work-zed', 'zed'],
    ])
    expect(choices.filter((choice) => projectMatches(choice, 'work/'))).toHaveLength(1)
    expect(choices.filter((choice) => projectMatches(choice, '-home-u-src'))).toHaveLength(1)
    expect(choices.filter((choice) => projectMatches(choice, ' '))).toHaveLength(2)
  })
})
