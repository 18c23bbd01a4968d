// Run-time validation of every request's arguments, on the side that owns the stores: the
// renderer is not trusted, so main and the browser shell check each argument before the service sees it.
import {
  MAX_SEARCH_LIMIT,
  MAX_SEARCH_QUERY,
  REQUEST_NAMES,
  type MoveTarget,
  type PruneRequest,
  type RequestName,
  type Requests,
  type SessionRef,
} from '../../src-shared/contract'

export class InvalidRequest extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidRequest'
  }
}

type Check<T> = (value: unknown, where: string) => T

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const string =
  (max = 4096): Check<string> =>
  (value, where) => {
    if (typeof value !== 'string') throw new InvalidRequest(`${where} must be a string`)
    if (value.length > max) throw new InvalidRequest(`${where} is too long`)
    // eslint-disable-next-line no-control-regex
    if (/\u0000/.test(value)) throw new InvalidRequest(`${where} contains a NUL character`)
    return value
  }

const id = string(512)

const boolean: Check<boolean> = (value, where) => {
  if (typeof value !== 'boolean') throw new InvalidRequest(`${where} must be true or false`)
  return value
}

const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value, where) =>
    value === null ? null : check(value, where)

const wholeNumber =
  (min: number, max: number): Check<number> =>
  (value, where) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new InvalidRequest(`${where} must be a whole number from ${min} to ${max}`)
    }
    return value
  }

const list =
  <T>(check: Check<T>, max = 10_000): Check<T[]> =>
  (value, where) => {
    if (!Array.isArray(value)) throw new InvalidRequest(`${where} must be a list`)
    if (value.length > max) throw new InvalidRequest(`${where} has too many entries`)
    return value.map((item, i) => check(item, `${where}[${i}]`))
  }

function exactKeys(value: unknown, where: string, keys: string[]): Record<string, unknown> {
  if (!isPlainObject(value)) throw new InvalidRequest(`${where} must be an object`)
  for (const key of Object.keys(value)) if (!keys.includes(key)) throw new InvalidRequest(`${where} has an unexpected field "${key}"`)
  return value
}

const sessionRef: Check<SessionRef> = (value, where) => {
  const record = exactKeys(value, where, ['storeId', 'id'])
  return { storeId: id(record.storeId, `${where}.storeId`), id: id(record.id, `${where}.id`) }
}

const moveTarget: Check<MoveTarget> = (value, where) => {
  const record = exactKeys(value, where, ['kind', 'name'])
  if (record.kind === 'unfiled') return { kind: 'unfiled' }
  if (record.kind === 'project') return { kind: 'project', name: string(1024)(record.name, `${where}.name`) }
  throw new InvalidRequest(`${where}.kind must be "project" or "unfiled"`)
}

const pruneRequest: Check<PruneRequest> = (value, where) => {
  const record = exactKeys(value, where, ['storeId', 'olderThanDays', 'keep', 'scope', 'action'])
  const scopeRecord = exactKeys(record.scope, `${where}.scope`, ['kind', 'project'])
  let scope: PruneRequest['scope']
  if (scopeRecord.kind === 'store') scope = { kind: 'store' }
  else if (scopeRecord.kind === 'project')
    scope = { kind: 'project', project: nullable(string(1024))(scopeRecord.project, `${where}.scope.project`) }
  else throw new InvalidRequest(`${where}.scope.kind must be "store" or "project"`)
  if (record.action !== 'archive' && record.action !== 'trash') throw new InvalidRequest(`${where}.action must be "archive" or "trash"`)
  const request: PruneRequest = {
    storeId: id(record.storeId, `${where}.storeId`),
    olderThanDays: nullable(wholeNumber(0, 100_000))(record.olderThanDays, `${where}.olderThanDays`),
    keep: nullable(wholeNumber(0, 10_000_000))(record.keep, `${where}.keep`),
    scope,
    action: record.action,
  }
  if (request.olderThanDays === null && request.keep === null) throw new InvalidRequest(`${where} needs an age or a number to keep`)
  return request
}

type Validators = { [K in RequestName]: (args: unknown[]) => Parameters<Requests[K]> }

function arity(args: unknown[], n: number, name: string): void {
  if (!Array.isArray(args) || args.length !== n) throw new InvalidRequest(`${name} takes ${n} argument${n === 1 ? '' : 's'}`)
}

/** Checks a request's arguments as they arrive, before anything acts on them. */
export const VALIDATORS: Validators = {
  getSnapshot: (args) => (arity(args, 0, 'getSnapshot'), []),
  loadSession: (args) => (arity(args, 1, 'loadSession'), [sessionRef(args[0], 'ref')]),
  moveSessions: (args) => (
    arity(args, 3, 'moveSessions'),
    [list(sessionRef)(args[0], 'refs'), moveTarget(args[1], 'target'), boolean(args[2], 'force')]
  ),
  archiveSessions: (args) => (arity(args, 2, 'archiveSessions'), [list(sessionRef)(args[0], 'refs'), boolean(args[1], 'force')]),
  unarchiveSessions: (args) => (arity(args, 1, 'unarchiveSessions'), [list(sessionRef)(args[0], 'refs')]),
  trashSessions: (args) => (arity(args, 2, 'trashSessions'), [list(sessionRef)(args[0], 'refs'), boolean(args[1], 'force')]),
  listTrash: (args) => (arity(args, 1, 'listTrash'), [id(args[0], 'storeId')]),
  restoreSessions: (args) => (arity(args, 2, 'restoreSessions'), [id(args[0], 'storeId'), list(id)(args[1], 'ids')]),
  emptyTrash: (args) => (arity(args, 1, 'emptyTrash'), [id(args[0], 'storeId')]),
  previewPrune: (args) => (arity(args, 1, 'previewPrune'), [pruneRequest(args[0], 'request')]),
  applyPrune: (args) => (arity(args, 2, 'applyPrune'), [pruneRequest(args[0], 'request'), list(id)(args[1], 'ids')]),
  undo: (args) => (arity(args, 0, 'undo'), []),
  addStore: (args) => (arity(args, 1, 'addStore'), [nullable(string(4096))(args[0], 'typedPath')]),
  removeStore: (args) => (arity(args, 1, 'removeStore'), [id(args[0], 'storeId')]),
  revealSession: (args) => (arity(args, 1, 'revealSession'), [sessionRef(args[0], 'ref')]),
  openExternal: (args) => (arity(args, 1, 'openExternal'), [string(2048)(args[0], 'url')]),
  search: (args) => (
    arity(args, 2, 'search'),
    [string(MAX_SEARCH_QUERY)(args[0], 'query'), wholeNumber(1, MAX_SEARCH_LIMIT)(args[1], 'limit')]
  ),
  getIndexProgress: (args) => (arity(args, 0, 'getIndexProgress'), []),
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && (REQUEST_NAMES as readonly string[]).includes(name)
}
