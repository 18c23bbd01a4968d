// What the shells (the CLI, the Electron main process, the browser shell) may take from below the
// service, besides the service itself: resolving the folders a user names into stores, the data
// folder, and the parsing of the few values the CLI reads from its arguments. Lint keeps the
// shells out of src-main/core; anything more they need belongs in the service.
export { DATA_DIR_ENV, appDataDir } from '../core/data-dir'
export { StoreError, defaultStoreLocations, resolveStoreDir, resolveStores } from '../core/stores'
export { type PruneAction, type PruneCriteria, parseAge } from '../core/operations/prune'
export { type Lookup, sameIdFiles } from '../core/lookup'
export type { UndoResult } from '../core/operations/undo'
export { FORMAT_INFOS } from '../core/formats/registry'
