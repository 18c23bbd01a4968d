// The WHATWG URL, which both the renderer (DOM) and Node provide. Declared only for the shared
// layer's own type-check (tsconfig.shared.json), which has neither DOM nor Node types, so that
// src-shared can use what both runtimes have and nothing else.
declare class URL {
  constructor(url: string, base?: string)
  readonly href: string
  readonly protocol: string
  readonly hostname: string
  readonly username: string
  readonly password: string
}
