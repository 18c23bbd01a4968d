import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JSON_LIMITS, type JsonLimits, cutText } from '../../../src-main/core/capped-json/caps'
import { CappedJsonParser } from '../../../src-main/core/capped-json/document-parser'
import { readSessionJson } from '../../../src-main/core/capped-json/read-session-json'
import { makeTempDir, removeDir, writeFileDeep } from '../../support/fixtures'
import { describeFailure } from '../../../src-main/core/unreadable'
import { repoPath } from '../../support/repo'

const SHARED_SAMPLES = '/work/shared/samples'
const APP_SAMPLES = repoPath('resources', 'samples')

let dir: string
beforeAll(async () => {
  dir = await makeTempDir('capped-json')
})
afterAll(() => removeDir(dir))

async function jsonFilesBelow(root: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.json')) out.push(join(entry.parentPath, entry.name))
  }
  return out.sort()
}

/** Feeds the text in pieces of `size` characters, as the stream reader does with a file's pieces. */
function parseInPieces(text: string, size: number, limits: JsonLimits = JSON_LIMITS): unknown {
  const parser = new CappedJsonParser(limits)
  for (let i = 0; i < text.length; i += size) parser.write(text.slice(i, i + size))
  return parser.end()
}

function failureOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    return describeFailure(error)
  }
  return 'no failure'
}

async function failureOfRead(path: string, limits: JsonLimits): Promise<string> {
  return readSessionJson(path, 'a test file', { limits }).then(
    () => 'no failure',
    (error: unknown) => describeFailure(error),
  )
}

const STREAM_ALWAYS: JsonLimits = { ...JSON_LIMITS, streamFromBytes: 0 }

const VALID = [
  '{}',
  '[]',
  ' \n\t{ "a" : [ 1 , -2.5e+3 , 0 , 1E2, 0.001 ] , "b" : { } , "c" : [ [ ] , { "d" : null } ] } \r\n',
  '"a string"',
  '42',
  'true',
  '[false,null,true]',
  '{"esc":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\\u0000"}',
  '{"dup":1,"other":2,"dup":3}',
  '{"2":"b","1":"a","x":"c"}',
  '{"emoji":"😀 ünïcödé 日本語","":"empty key"}',
  '{"__proto__":{"polluted":true},"constructor":1}',
  '[1.7976931348623157e308, 5e-324, -0, 123456789012345678901234567890]',
]

describe('the streaming parser', () => {
  it('yields what JSON.parse yields, whatever the pieces the text comes in', () => {
    for (const text of VALID) {
      const expected = JSON.parse(text) as unknown
      for (const size of [1, 2, 3, 7, 64, text.length]) expect(parseInPieces(text, size), `${text} in pieces of ${size}`).toEqual(expected)
    }
  })

  it('keeps "__proto__" an own property, as JSON.parse does, and leaves the prototype alone', () => {
    const value = parseInPieces('{"__proto__":{"polluted":true}}', 5) as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('yields what JSON.parse yields on every JSON sample file', async () => {
    const files = [...(await jsonFilesBelow(SHARED_SAMPLES)), ...(await jsonFilesBelow(APP_SAMPLES))]
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) {
      const text = await readFile(file, 'utf8')
      expect(parseInPieces(text, 4096), file).toEqual(JSON.parse(text))
    }
  })

  it('tells a cut-off document from an invalid one, as parseJson does', () => {
    const truncated = ['{"a": [1, 2', '{"a": "unfinished', '[{"a":1},', '{"a"', '{"a":', '"abc', '{"a":"\\']
    for (const text of truncated) {
      expect(
        failureOf(() => parseInPieces(text, 3)),
        text,
      ).toBe('truncated JSON: the file ends in the middle of the document')
    }
    const invalid = [
      '{"a": x}',
      '{"a":1} x',
      '[1,]',
      '{"a":1,}',
      '01',
      '{"a":"bad \\q escape"}',
      'tru',
      'nulll',
      '{"a":1}}',
      '[1 2]',
      '{1:2}',
      '-',
      '1.',
      '.5',
    ]
    for (const text of invalid)
      expect(
        failureOf(() => parseInPieces(text, 3)),
        text,
      ).toMatch(/^invalid JSON: /)
    // A raw line break inside a string is invalid, and the rest still decides "cut off" or not.
    expect(failureOf(() => parseInPieces('{"a":"line\nbreak"}', 4))).toMatch(/^invalid JSON: a control character/)
    expect(failureOf(() => parseInPieces(' \n ', 1))).toBe('file holds only white space')
  })

  it('cuts a string past its cap, noting how much was left out, and only the parts it keeps are held', () => {
    const limits = { ...JSON_LIMITS, stringChars: 10 }
    const value = parseInPieces(`{"long":"${'a'.repeat(25)}","short":"0123456789","esc":"\\u00e9${'b'.repeat(12)}"}`, 4, limits)
    expect(value).toEqual({ long: 'aaaaaaaaaa… (15 more characters)', short: '0123456789', esc: 'ébbbbbbbbb… (3 more characters)' })
  })

  it('never ends a cut string on half of a surrogate pair', () => {
    expect(cutText('abc\ud83d', 10)).toBe('abc… (7 more characters)')
    const limits = { ...JSON_LIMITS, stringChars: 4 }
    expect(parseInPieces('"abc😀def"', 2, limits)).toBe('abc… (5 more characters)')
  })

  it('keeps little of each string once its budget for the whole document is spent', () => {
    const limits = { ...JSON_LIMITS, stringChars: 10, keptChars: 15, smallStringChars: 2 }
    expect(parseInPieces(JSON.stringify(['0123456789', '0123456789', '0123456789', 'ab']), 5, limits)).toEqual([
      '0123456789',
      '0123456789',
      '01… (8 more characters)',
      'ab',
    ])
  })

  it('builds only what the keep spec names, still checking the rest', () => {
    const text = JSON.stringify({
      id: 's1',
      steps: [{ is_error: true, output: 'long', args: { a: [1, 2] } }, 7, { output: 'x' }],
      meta: { title: 'T', blob: { deep: 'y' } },
      other: [1, { a: 'b' }],
    })
    const keep = { id: true, steps: { '*': { is_error: true, args: {} } }, meta: { title: true } } as const
    const parser = new CappedJsonParser(JSON_LIMITS, keep)
    for (let i = 0; i < text.length; i += 3) parser.write(text.slice(i, i + 3))
    expect(parser.end()).toEqual({ id: 's1', steps: [{ is_error: true, args: {} }, 7, {}], meta: { title: 'T' } })
    // Left-out values count towards no limit, and are still checked.
    const few = new CappedJsonParser({ ...JSON_LIMITS, values: 2 }, { id: true })
    few.write('{"id":"s","skipped":[1,2,3,4,5,{"a":[true,null]}]}')
    expect(few.end()).toEqual({ id: 's' })
    const broken = new CappedJsonParser(JSON_LIMITS, { id: true })
    broken.write('{"id":"s","skipped":[1,2,]}')
    expect(failureOf(() => broken.end())).toMatch(/^invalid JSON: /)
  })

  it('refuses a document of more values than its limit, naming the limit', () => {
    const limits = { ...JSON_LIMITS, values: 5 }
    expect(parseInPieces('[1,2,3,4]', 3, limits)).toEqual([1, 2, 3, 4])
    expect(failureOf(() => parseInPieces('[1,2,3,4,5]', 3, limits))).toBe(
      'too large to read: more than 5 JSON values (the limit for a session file)',
    )
  })
})

describe('readSessionJson', () => {
  it('reads every JSON sample file the same through JSON.parse and through the stream, strings cut or not', async () => {
    const files = [...(await jsonFilesBelow(SHARED_SAMPLES)), ...(await jsonFilesBelow(APP_SAMPLES))]
    for (const stringChars of [JSON_LIMITS.stringChars, 40]) {
      for (const file of files) {
        const limits = { ...JSON_LIMITS, stringChars }
        const fast = await readSessionJson(file, 'a test file', { limits })
        expect(await readSessionJson(file, 'a test file', { limits: { ...limits, streamFromBytes: 0 } }), file).toEqual(fast)
        if (stringChars === JSON_LIMITS.stringChars) expect(fast, file).toEqual(JSON.parse(await readFile(file, 'utf8')))
      }
    }
  })

  it('gives a broken file the same reason on both paths', async () => {
    const cases: Array<[string, string | Buffer]> = [
      ['empty.json', ''],
      ['blank.json', '  \n\n '],
      ['cut.json', '{"id": "s1", "messages": [{"content": "hel'],
      ['latin1.json', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d])],
      ['bad-json-then-bad-utf8.json', Buffer.concat([Buffer.from('{"a": x, "b": "'), Buffer.from([0xff]), Buffer.from('"}')])],
      ['bom.json', '\ufeff{"a": 1}'],
    ]
    for (const [name, content] of cases) {
      const path = await writeFileDeep(join(dir, name), content)
      const fast = await failureOfRead(path, JSON_LIMITS)
      expect(await failureOfRead(path, STREAM_ALWAYS), name).toBe(fast)
    }
    expect(await failureOfRead(join(dir, 'empty.json'), STREAM_ALWAYS)).toBe('empty file')
    expect(await failureOfRead(join(dir, 'latin1.json'), STREAM_ALWAYS)).toBe('not valid UTF-8 text')
    expect(await failureOfRead(join(dir, 'bom.json'), STREAM_ALWAYS)).toBe('no failure')
    // The two paths word a syntax error each their own way, but agree that it is one.
    const invalid = await writeFileDeep(join(dir, 'invalid.json'), '{"a": x}')
    expect(await failureOfRead(invalid, JSON_LIMITS)).toMatch(/^invalid JSON: /)
    expect(await failureOfRead(invalid, STREAM_ALWAYS)).toMatch(/^invalid JSON: /)
  })

  it('refuses a file past the size limit, naming the limit and the kind of file', async () => {
    const path = await writeFileDeep(join(dir, 'big.json'), JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) }))
    const error = await readSessionJson(path, 'an Oxios session file', { limits: { ...JSON_LIMITS, maxBytes: 2 * 1024 * 1024 } }).catch(
      (e: unknown) => e,
    )
    expect(describeFailure(error)).toBe('larger than the 2 MB limit for an Oxios session file')
  })
})
