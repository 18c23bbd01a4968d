// What differs between a development build (electron-vite dev) and every other build. Vite
// replaces import.meta.env.DEV at build time, so a production bundle holds the constant `false`
// and no environment variable can turn the dev server or DevTools back on.

declare global {
  interface ImportMetaEnv {
    readonly DEV: boolean
  }
  interface ImportMeta {
    readonly env: ImportMetaEnv
  }
}

export const DEVELOPMENT_BUILD: boolean = import.meta.env.DEV === true

/** The dev server's URL in a development build; null in a production build, whatever the environment says. */
export function devServerUrl(): string | null {
  return DEVELOPMENT_BUILD ? (process.env.ELECTRON_RENDERER_URL ?? null) : null
}
