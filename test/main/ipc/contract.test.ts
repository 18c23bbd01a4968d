import { describe, expect, it } from 'vitest'
import { type ClientRequests, REQUEST_NAMES } from '../../../src-shared/contract'
import { InvalidRequest, VALIDATORS } from '../../../src-main/ipc/validators'
import { dispatch } from '../../../src-main/ipc/dispatch'

const ref = { storeId: 'abc123', id: 'session-1' }

describe('request validation', () => {
  it('accepts well-formed arguments and returns them as checked values', () => {
    expect(VALIDATORS.moveSessions([[ref], { kind: 'project', name: 'web' }, false])).toEqual([
      [ref],
      { kind: 'project', name: 'web' },
      false,
    ])
    expect(VALIDATORS.moveSessions([[ref], { kind: 'unfiled' }, true])).toEqual([[ref], { kind: 'unfiled' }, true])
    const prune = { storeId: 's', olderThanDays: 30, keep: null, scope: { kind: 'project', project: null }, action: 'trash' }
    expect(VALIDATORS.previewPrune([prune])).toEqual([prune])
    expect(VALIDATORS.addStore([null])).toEqual([null])
    expect(VALIDATORS.search(['tool:Bash "npm test" -lint', 50])).toEqual(['tool:Bash "npm test" -lint', 50])
    expect(VALIDATORS.search(['x'.repeat(500), 1])).toEqual(['x'.repeat(500), 1])
    expect(VALIDATORS.search(['', 200])).toEqual(['', 200])
    expect(VALIDATORS.getIndexProgress([])).toEqual([])
  })

  it.each([
    ['loadSession', []],
    ['loadSession', ['/home/me/.oxios/workspace/sessions/x.json']],
    ['loadSession', [{ ...ref, path: '/etc/passwd' }]],
    ['loadSession', [{ storeId: 1, id: 'x' }]],
    ['moveSessions', [[ref], { kind: 'folder', name: 'x' }, false]],
    ['moveSessions', [[ref], { kind: 'project', name: 'x' }, 'yes']],
    ['moveSessions', [ref, { kind: 'unfiled' }, false]],
    ['previewPrune', [{ storeId: 's', olderThanDays: null, keep: null, scope: { kind: 'store' }, action: 'archive' }]],
    ['previewPrune', [{ storeId: 's', olderThanDays: -1, keep: null, scope: { kind: 'store' }, action: 'archive' }]],
    ['previewPrune', [{ storeId: 's', olderThanDays: 1, keep: null, scope: { kind: 'store' }, action: 'delete' }]],
    ['restoreSessions', ['s', 'not-a-list']],
    ['openExternal', ['x'.repeat(5000)]],
    ['loadSession', [{ storeId: 'a\u0000b', id: 'x' }]],
    ['search', ['csv']],
    ['search', ['csv', 20, 'extra']],
    ['search', [42, 20]],
    ['search', [null, 20]],
    ['search', ['x'.repeat(501), 20]],
    ['search', ['a\u0000b', 20]],
    ['search', ['csv', 0]],
    ['search', ['csv', 201]],
    ['search', ['csv', 2.5]],
    ['search', ['csv', '20']],
    ['getIndexProgress', [true]],
  ] as const)('refuses %s(%j)', (name, args) => {
    expect(() => VALIDATORS[name](args as unknown as unknown[])).toThrow(InvalidRequest)
  })

  it('has a validator for every request', () => {
    expect(Object.keys(VALIDATORS).sort()).toEqual([...REQUEST_NAMES].sort())
  })
})

describe('dispatch', () => {
  const calls: unknown[][] = []
  const service = Object.fromEntries(
    REQUEST_NAMES.map((name) => [name, async (...args: unknown[]) => (calls.push([name, ...args]), `${name} ran`)]),
  ) as unknown as ClientRequests

  it('passes only validated requests to the service', async () => {
    expect(await dispatch(service, 'loadSession', [ref])).toEqual({ ok: true, result: 'loadSession ran' })
    expect(await dispatch(service, 'loadSession', ['../../etc/passwd'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('invalid loadSession request'),
    })
    expect(await dispatch(service, 'constructor', [])).toMatchObject({ ok: false, error: expect.stringContaining('unknown request') })
    expect(await dispatch(service, '__proto__', [])).toMatchObject({ ok: false })
    expect(calls).toEqual([['loadSession', ref]])
  })
})
