import { contextBridge } from 'electron'

// The renderer's only door to the main process: named functions, never ipcRenderer itself.
contextBridge.exposeInMainWorld('sessionscope', {
  shell: 'electron' as const,
})
