import { describe, expect, it } from 'vitest'
import {
  CAPPED_JSON_LIMITS,
  CappedJsonParser,
  type CappedJsonLimits,
  type LineResult,
  cutMarker,
} from '../../../src-main/core/capped-json/line-parser'

function parse(text: string | Buffer, options: { split?: number; bom?: boolean; limits?: CappedJsonLimits } = {}): LineResult {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text
  const parser = new CappedJsonParser(options.bom ?? false, options.limits)
  const split = options.split ?? bytes.length
  for (let at = 0; at < bytes.length; at += split) parser.push(bytes.subarray(at, at + split))
  return parser.end()
}

const VALID = [
  '{"a":1,"b":[true,false,null],"c":{"d":"e"}}',
  ' [ ] ',
  '{}',
  '"plain"',
  '-0.5e+3',
  '12',
  '[1,-2,3.25,4e2,0]',
  '{"esc":"\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud834\\udd1e"}',
  '{"utf8":"é€𝄞 done","nested":[[[{"x":[]}]]]}',
  '{"dup":1,"dup":2}',
]

const INVALID = ['{', '[1,]', '{"a":1,}', '{"a" 1}', '[1 2]', 'tru', 'nul', '01', '1.', '-', '"open', '{"a":"b"}x', '[1]]', '{]']
INVALID.push('"\\x"', '"\\u12g4"', 'undefined', '{"a":1}{"b":2}', '"tab\there"')

describe('CappedJsonParser', () => {
  it('reads what JSON.parse reads, however the bytes are split', () => {
    for (const text of VALID) {
      for (const split of [1, 2, 3, 7, 1000]) expect(parse(text, { split })).toEqual({ kind: 'value', value: JSON.parse(text) })
    }
  })

  it('refuses what JSON.parse refuses', () => {
    for (const text of INVALID) {
      expect(() => JSON.parse(text)).toThrow()
      expect(parse(text, { split: 2 }).kind).toBe('bad')
    }
  })

  it('tells blank lines, NUL bytes and a BOM apart', () => {
    expect(parse('  \r\t ')).toEqual({ kind: 'blank' })
    expect(parse(Buffer.alloc(40))).toEqual({ kind: 'bad', nul: true })
    expect(parse(Buffer.concat([Buffer.from('{"a":1}'), Buffer.alloc(3)]))).toEqual({ kind: 'bad', nul: true })
    expect(parse('{"a":')).toEqual({ kind: 'bad', nul: false })
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])
    expect(parse(withBom, { bom: true })).toEqual({ kind: 'value', value: { a: 1 } })
    expect(parse(withBom).kind).toBe('bad')
  })

  it('keeps a prefix of a long string, never splitting a character, and says how much was cut', () => {
    const limits = { ...CAPPED_JSON_LIMITS, maxStringBytes: 10 }
    const result = parse(`{"t":"ab€defghijkl","u":"short","v":"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9"}`, { split: 3, limits })
    expect(result).toEqual({ kind: 'value', value: { t: `ab€defgh${cutMarker(4)}`, u: 'short', v: `ééééé${cutMarker(2)}` } })
    // The cut falls inside "€" (3 bytes): the whole character goes.
    expect(parse('"abcdefghi€xyz"', { limits })).toEqual({ kind: 'value', value: `abcdefghi${cutMarker(6)}` })
  })

  it('stops keeping values past its budgets, but still checks the rest of the line', () => {
    const fewValues = { ...CAPPED_JSON_LIMITS, maxValues: 5 }
    expect(parse('{"a":"xy","c":[1,2,3,4,5,6],"z":1}', { limits: fewValues })).toEqual({ kind: 'value', value: { a: 'xy', c: [1, 2] } })
    expect(parse('{"a":"xy","c":[1,2,3,4,5,6,],"z":1}', { limits: fewValues }).kind).toBe('bad')
    // a, xy and b fill 4 of the 6 bytes: zzzz is cut to zz, and the key c no longer fits.
    const fewBytes = { ...CAPPED_JSON_LIMITS, maxKeptBytes: 6 }
    const value = { a: 'xy', b: `zz${cutMarker(2)}` }
    expect(parse('{"a":"xy","b":"zzzz","c":1}', { limits: fewBytes })).toEqual({ kind: 'value', value })
  })

  it('keeps "__proto__" as a plain key, as JSON.parse does, and refuses nesting past its depth', () => {
    const result = parse('{"__proto__":{"polluted":true},"a":1}') as { kind: 'value'; value: Record<string, unknown> }
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype)
    expect(Object.hasOwn(result.value, '__proto__')).toBe(true)
    expect((result.value as { polluted?: boolean }).polluted).toBeUndefined()
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
    expect(parse(`${'['.repeat(2000)}${']'.repeat(2000)}`).kind).toBe('bad')
    expect(parse(`${'['.repeat(500)}${']'.repeat(500)}`).kind).toBe('value')
  })
})
