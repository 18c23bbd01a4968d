import { appendFile, mkdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../../../src-main/core/listing'
import { resolveStoreDir } from '../../../../../src-main/core/stores'
import { isWatchedFolder } from '../../../../../src-main/core/watch/store-watcher'
import type { SessionDetail, SessionSummary, Store } from '../../../../../src-shared/model'
import { CODEX_ID, Rollout, writeRollout } from '../../../../support/codex-fixtures'
import { makeTempDir, removeDir, writeFileDeep } from '../../../../support/fixtures'
import type { SessionFile } from '../../../../../src-main/core/formats/format'
import { codexFormat } from '../../../../../src-main/core/formats/codex/index'
import { TEXT_CAP } from '../../../../../src-main/core/formats/codex/texts'

let home: string
let store: Store

beforeEach(async () => {
  home = join(await makeTempDir('codex'), '.codex')
  store = { format: 'codex', root: home }
  await mkdir(join(home, 'sessions'), { recursive: true })
})
afterEach(() => removeDir(join(home, '..')))

async function list(archived = false): Promise<SessionSummary[]> {
  const listing = await listStores([store], { archived })
  expect(listing.problems).toEqual([])
  return listing.sessions
}

async function only(): Promise<SessionSummary> {
  const sessions = await list()
  expect(sessions).toHaveLength(1)
  return sessions[0] as SessionSummary
}

async function fileOf(path: string, archived = false): Promise<SessionFile> {
  const info = await stat(path)
  return { path, archived, size: info.size, mtimeMs: info.mtimeMs }
}

async function summaryOf(path: string): Promise<SessionSummary> {
  return codexFormat.summarize(store, await fileOf(path))
}

async function detailOf(path: string): Promise<SessionDetail> {
  return codexFormat.load(store, await fileOf(path))
}

function simple(prompt = 'Fix the checkout total', id?: string): Rollout {
  return new Rollout(id === undefined ? {} : { id }).turnContext('gpt-5.5').taskStarted().prompt(prompt).answer('Done.').taskComplete()
}

describe('Codex summaries', () => {
  it('reads id, project, branch, times, model and counts from a session', async () => {
    const rollout = new Rollout({ cwd: '/home/dev/shop', branch: 'feature/totals', start: '2026-11-05T09:00:00.000Z' })
    rollout.context().turnContext('gpt-5.5').taskStarted().prompt('Fix the checkout total\nsecond line').answer('Looking.')
    const id = rollout.nextCallId()
    rollout.functionCall('exec_command', { cmd: 'ls' }, id).functionOutput(id, 'a\nb').answer('Fixed.').taskComplete()
    const path = await writeRollout(home, rollout)
    const session = await only()
    expect(session).toMatchObject({
      id: CODEX_ID,
      format: 'codex',
      store: home,
      path,
      project: '/home/dev/shop',
      projectPath: '/home/dev/shop',
      title: 'Fix the checkout total',
      createdAt: '2026-11-05T09:00:00.000Z',
      turns: 1,
      steps: 1,
      errors: 0,
      archived: false,
      model: 'gpt-5.5',
      status: null,
      parentId: null,
      agent: null,
      branch: 'feature/totals',
      costUsd: null,
      tokens: null,
    })
    const lines = rollout.lines.length
    expect(session.updatedAt).toBe(new Date(Date.parse('2026-11-05T09:00:00.000Z') + (lines - 1) * 1000).toISOString())
    expect(session.modifiedAt).toBe(new Date((await stat(path)).mtimeMs).toISOString())
    expect(session.bytes).toBe((await stat(path)).size)
  })

  it('takes the id from session_id when id is absent, else from the file name', async () => {
    const a = new Rollout({ id: '019a0000-0000-7000-8000-00000000000a', metaExtra: { id: undefined, session_id: 'from-session-id' } })
    await writeRollout(home, a.taskStarted().prompt('one'))
    const b = new Rollout({ id: '019a0000-0000-7000-8000-00000000000b', noMeta: true })
    await writeRollout(home, b.taskStarted().prompt('two'))
    const ids = (await list()).map((s) => s.id).sort()
    expect(ids).toEqual(['019a0000-0000-7000-8000-00000000000b', 'from-session-id'])
  })

  it('titles from session_index.jsonl (newest entry per id), else the first prompt, skipping injected context', async () => {
    const named = new Rollout({ id: '019a0000-0000-7000-8000-000000000001' }).context().taskStarted().prompt('unnamed prompt')
    const plain = new Rollout({ id: '019a0000-0000-7000-8000-000000000002' })
      .context()
      .taskStarted()
      .prompt('\n\n  Refactor the cart  \nmore')
    // No user_message events (older files): the first user item that is not injected context.
    const items = new Rollout({ id: '019a0000-0000-7000-8000-000000000003' })
      .context()
      .item({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Prompt from an item' }] })
      .answer('ok')
    // Nothing but injected context and an answer: titled by its id.
    const bare = new Rollout({ id: '019a0000-0000-7000-8000-000000000004' }).context().answer('hello')
    for (const rollout of [named, plain, items, bare]) await writeRollout(home, rollout)
    await writeFile(
      join(home, 'session_index.jsonl'),
      [
        { id: named.id, thread_name: 'Old name', updated_at: '2026-11-05T10:00:00Z' },
        { id: named.id, thread_name: 'Checkout work', updated_at: '2026-11-05T11:00:00Z' },
        { id: 'someone-else', thread_name: 'Other', updated_at: '2026-11-05T11:00:00Z' },
      ]
        .map((entry) => JSON.stringify(entry))
        .join('\n') + '\n',
    )
    const titles = Object.fromEntries((await list()).map((s) => [s.id, s.title]))
    expect(titles).toEqual({
      [named.id]: 'Checkout work',
      [plain.id]: 'Refactor the cart',
      [items.id]: 'Prompt from an item',
      [bare.id]: bare.id,
    })
    // A rename appended later is seen on the next read.
    await appendFile(
      join(home, 'session_index.jsonl'),
      `${JSON.stringify({ id: plain.id, thread_name: 'Cart refactor', updated_at: '2026-11-06T00:00:00Z' })}\n`,
    )
    const after = Object.fromEntries((await list()).map((s) => [s.id, s.title]))
    expect(after[plain.id]).toBe('Cart refactor')
    expect(after[named.id]).toBe('Checkout work')
  })

  it('names the most used model, and lists every model in the detail, most used first', async () => {
    const rollout = new Rollout()
      .turnContext('gpt-5.3-codex')
      .taskStarted()
      .prompt('a')
      .turnContext('gpt-5.5')
      .turnContext('gpt-5.5')
      .answer('b')
    const path = await writeRollout(home, rollout)
    expect((await only()).model).toBe('gpt-5.5')
    expect((await detailOf(path)).models).toEqual(['gpt-5.5', 'gpt-5.3-codex'])
    const none = new Rollout({ id: '019a0000-0000-7000-8000-0000000000cc' }).taskStarted().prompt('no context line')
    expect((await summaryOf(await writeRollout(home, none))).model).toBeNull()
  })

  it('takes tokens from the last non-null token_count totals, input including the cached tokens', async () => {
    const rollout = simple()
      .tokens({ input: 1000, cached: 800, output: 50, reasoning: 20 })
      .tokens({ input: 34469, cached: 3456, output: 431, reasoning: 264 })
      .tokens(null)
    await writeRollout(home, rollout)
    expect((await only()).tokens).toEqual({ input: 34469, output: 431, cacheRead: 3456, cacheWrite: 0, inputIncludesCache: true })
  })

  it('sets parentId for a sub-agent spawned by another thread', async () => {
    const parent = '019a0000-0000-7000-8000-0000000000aa'
    const child = new Rollout({
      id: '019a0000-0000-7000-8000-0000000000bb',
      source: { subagent: { thread_spawn: { parent_thread_id: parent, depth: 1, agent_nickname: 'scout' } } },
    })
    await writeRollout(home, child.taskStarted().prompt('look around'))
    await writeRollout(home, new Rollout({ id: parent, source: { subagent: 'review' } }).taskStarted().prompt('review'))
    const byId = Object.fromEntries((await list()).map((s) => [s.id, s.parentId]))
    expect(byId).toEqual({ [child.id]: parent, [parent]: null })
  })

  it('counts each prompt as a turn, including one typed while the agent was working', async () => {
    const rollout = new Rollout().taskStarted().prompt('first').answer('working').prompt('also do this').answer('ok').taskComplete()
    rollout.taskStarted().prompt('second task').answer('done').taskComplete()
    const path = await writeRollout(home, rollout)
    expect((await only()).turns).toBe(3)
    const detail = await detailOf(path)
    expect(detail.turns.map((turn) => [turn.user?.text, turn.agent?.text])).toEqual([
      ['first', 'working'],
      ['also do this', 'ok'],
      ['second task', 'done'],
    ])
  })

  it('is not a session while it holds nothing yet, and a problem when no line is a Codex line', async () => {
    await writeRollout(home, '', { id: '019a0000-0000-7000-8000-000000000e01' })
    await writeRollout(home, '{"timestamp":"2026-11-05T09:00:00Z","type":"session_me', { id: '019a0000-0000-7000-8000-000000000e02' })
    await writeRollout(home, new Rollout({ id: '019a0000-0000-7000-8000-000000000e03' }).context(), {
      id: '019a0000-0000-7000-8000-000000000e03',
    })
    await writeRollout(home, '{"hello": "world"}\n', { id: '019a0000-0000-7000-8000-000000000e04' })
    await writeRollout(home, 'not json\nstill not\n', { id: '019a0000-0000-7000-8000-000000000e05' })
    await writeRollout(home, '  \n\t\n', { id: '019a0000-0000-7000-8000-000000000e06' })
    await writeRollout(home, '\r\r\r', { id: '019a0000-0000-7000-8000-000000000e07' })
    await writeRollout(home, Buffer.alloc(4096), { id: '019a0000-0000-7000-8000-000000000e08' })
    const listing = await listStores([store], { archived: false })
    expect(listing.sessions).toEqual([])
    expect(listing.problems.map((p) => [p.path.slice(-9, -6), p.reason])).toEqual([
      // Codex writes its first line whole: one cut off inside it is damage, not a write in progress.
      ['e02', 'cut off inside its first line: no complete line'],
      ['e04', 'not a Codex rollout: no session_meta, response_item or event_msg line'],
      ['e05', 'no readable line (2 bad)'],
      ['e06', 'file holds only white space'],
      ['e07', 'file holds only white space'],
      ['e08', 'not text: NUL bytes where JSON lines should be'],
    ])
  })

  it('reads the first line of a rollout that starts with a UTF-8 byte order mark', async () => {
    const rollout = new Rollout().taskStarted().prompt('after the mark').answer('read')
    const path = await writeRollout(home, `\uFEFF${rollout.text()}`)
    expect(await only()).toMatchObject({ id: rollout.id, title: 'after the mark', project: '/home/dev/shop' })
    expect((await detailOf(path)).skippedLines).toBe(0)
  })

  it('ignores unknown line types and fields, and skips and counts bad lines', async () => {
    const rollout = simple()
    rollout.raw('{"timestamp":"2026-11-05T09:10:00Z","type":"world_state","payload":{"x":1}}')
    rollout.raw('this is not json')
    rollout.raw('{"timestamp":"2026-11-05T09:10:01Z","type":"event_msg","payload":{"type":"brand_new_event","extra":true}}')
    const path = await writeRollout(home, rollout)
    const session = await only()
    expect(session.turns).toBe(1)
    expect((await detailOf(path)).skippedLines).toBe(1)
  })
})

describe('Codex tool calls', () => {
  it('pairs calls with outputs by call id, parses JSON arguments and keeps other ones raw', async () => {
    const rollout = new Rollout().taskStarted().prompt('go')
    rollout.functionCall('exec_command', { cmd: 'ls -la', yield_time_ms: 1000 }, 'call_a')
    rollout.customCall('apply_patch', '*** Begin Patch\n*** End Patch', 'call_b')
    rollout.functionCall('odd', 'not { json', 'call_c')
    rollout.localShell(['bash', '-lc', 'pwd'], 'call_d')
    rollout.customOutput(
      'call_b',
      '{"output":"Success. Updated the following files:\\nM a.ts\\n","metadata":{"exit_code":0,"duration_seconds":0.25}}',
    )
    rollout.functionOutput('call_a', [
      { type: 'input_text', text: 'total 0' },
      { type: 'input_image', image_url: 'data:x' },
    ])
    rollout.functionOutput('call_d', { content: '/home/dev/shop', success: true })
    rollout.answer('done').taskComplete()
    const path = await writeRollout(home, rollout)
    const session = await only()
    expect(session.steps).toBe(4)
    const detail = await detailOf(path)
    expect(detail.turns).toHaveLength(1)
    const steps = detail.turns[0]?.steps ?? []
    expect(steps.map((s) => [s.id, s.tool, s.args, s.output, s.isError])).toEqual([
      ['call_a', 'exec_command', { cmd: 'ls -la', yield_time_ms: 1000 }, 'total 0\n[image]', false],
      ['call_b', 'apply_patch', '*** Begin Patch\n*** End Patch', 'Success. Updated the following files:\nM a.ts\n', false],
      ['call_c', 'odd', 'not { json', null, false],
      [
        'call_d',
        'local_shell',
        { type: 'exec', command: ['bash', '-lc', 'pwd'], timeout_ms: 10000, working_directory: null, env: null, user: null },
        '/home/dev/shop',
        false,
      ],
    ])
    expect(steps[0]?.at).toBe(rollout.lines[4] && typeof rollout.lines[4] !== 'string' ? rollout.lines[4].timestamp : null)
  })

  it('counts every error rule: exit codes, failed status, failed patches, exit lines, legacy metadata, success:false', async () => {
    const rollout = new Rollout().taskStarted().prompt('go')
    const call = (id: string) => rollout.functionCall('exec_command', { cmd: id }, id)
    call('ok_exec').execEnd('ok_exec', { exitCode: 0 }).functionOutput('ok_exec', 'fine')
    call('exit_code').execEnd('exit_code', { exitCode: 2 }).functionOutput('exit_code', 'boom')
    call('status_failed').execEnd('status_failed', { exitCode: 0, status: 'failed' }).functionOutput('status_failed', 'x')
    rollout.customCall('apply_patch', 'patch', 'patch_bad').patchApplyEnd('patch_bad', false).customOutput('patch_bad', 'failed to apply')
    rollout.customCall('apply_patch', 'patch', 'patch_ok').patchApplyEnd('patch_ok', true).customOutput('patch_ok', 'Success.')
    call('unified_fail').functionOutput(
      'unified_fail',
      'Chunk ID: 1a2b\nWall time: 0.0512 seconds\nProcess exited with code 1\nOriginal token count: 3\nOutput:\nnope\n',
    )
    call('unified_ok').functionOutput(
      'unified_ok',
      'Chunk ID: 1a2c\nWall time: 0.0512 seconds\nProcess exited with code 0\nOutput:\nProcess exited with code 9\n',
    )
    call('legacy_fail').functionOutput('legacy_fail', '{"output":"bad","metadata":{"exit_code":127,"duration_seconds":0.5}}')
    call('object_fail').functionOutput('object_fail', { content: 'denied', success: false })
    // An exec_command_end for a command the user ran (no tool call) is not a failed step.
    rollout.execEnd('user_shell', { exitCode: 1 })
    const path = await writeRollout(home, rollout)
    const session = await only()
    expect(session.steps).toBe(9)
    expect(session.errors).toBe(6)
    const steps = (await detailOf(path)).turns.flatMap((turn) => turn.steps)
    expect(Object.fromEntries(steps.map((s) => [s.id, s.isError]))).toEqual({
      ok_exec: false,
      exit_code: true,
      status_failed: true,
      patch_bad: true,
      patch_ok: false,
      unified_fail: true,
      unified_ok: false,
      legacy_fail: true,
      object_fail: true,
    })
    expect(steps.find((s) => s.id === 'legacy_fail')?.output).toBe('bad')
  })

  it('takes durations from exec_command_end, then legacy metadata, then the output time minus the call time', async () => {
    const rollout = new Rollout().taskStarted().prompt('go')
    rollout
      .functionCall('exec_command', {}, 'timed')
      .wait(5000)
      .execEnd('timed', { secs: 1, nanos: 250_000_000 })
      .functionOutput('timed', 'x')
    rollout
      .functionCall('shell', {}, 'legacy')
      .wait(5000)
      .functionOutput('legacy', '{"output":"","metadata":{"exit_code":0,"duration_seconds":0.75}}')
    rollout.functionCall('exec_command', {}, 'stamped').wait(3500).functionOutput('stamped', 'y')
    rollout.functionCall('exec_command', {}, 'interrupted')
    const path = await writeRollout(home, rollout)
    const steps = (await detailOf(path)).turns.flatMap((turn) => turn.steps)
    expect(steps.map((s) => [s.id, s.durationMs, s.output])).toEqual([
      ['timed', 1250, 'x'],
      ['legacy', 750, ''],
      ['stamped', 3500, 'y'],
      ['interrupted', null, null],
    ])
  })
})

describe('Codex turns', () => {
  it('builds turns from tasks and prompts, agent texts joined, steps in their turn', async () => {
    const rollout = new Rollout().turnContext('gpt-5.5').taskStarted().prompt('one').answer('a1')
    rollout.functionCall('exec_command', {}, 'c1').functionOutput('c1', 'out').answer('a2').taskComplete()
    // A task without a prompt of its own (a review, a /compact) still makes a turn.
    rollout.taskStarted().answer('reviewing').taskComplete()
    rollout.taskStarted().prompt('two').taskComplete()
    const path = await writeRollout(home, rollout)
    const detail = await detailOf(path)
    expect(
      detail.turns.map((t) => ({ index: t.index, user: t.user?.text ?? null, agent: t.agent?.text ?? null, steps: t.steps.length })),
    ).toEqual([
      { index: 0, user: 'one', agent: 'a1\n\na2', steps: 1 },
      { index: 1, user: null, agent: 'reviewing', steps: 0 },
      { index: 2, user: 'two', agent: null, steps: 0 },
    ])
    expect(detail.turns[0]?.user?.at).toBe(
      (rollout.lines.find((l) => typeof l !== 'string' && l.payload.type === 'user_message') as { timestamp: string }).timestamp,
    )
    expect(detail.session.turns).toBe(2)
  })

  it('starts a turn at each prompt in files without task events, from response items when there are no events', async () => {
    const events = new Rollout({ id: '019a0000-0000-7000-8000-0000000000e1' }).prompt('p1').answer('r1').prompt('p2').answer('r2')
    const items = new Rollout({ id: '019a0000-0000-7000-8000-0000000000e2' }).context()
    items.item({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'q1' }] })
    items.item({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'r1' }] })
    items.item({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'q2' }] })
    const e = await detailOf(await writeRollout(home, events))
    const i = await detailOf(await writeRollout(home, items))
    expect(e.turns.map((t) => [t.user?.text, t.agent?.text])).toEqual([
      ['p1', 'r1'],
      ['p2', 'r2'],
    ])
    expect(i.turns.map((t) => [t.user?.text, t.agent?.text ?? null])).toEqual([
      ['q1', 'r1'],
      ['q2', null],
    ])
    expect(i.session.turns).toBe(2)
  })

  it('marks the turn after a compaction, once for the compacted line and its event', async () => {
    const rollout = new Rollout().taskStarted().prompt('long work')
    rollout
      .tokens({ input: 200000, cached: 0, output: 100 }, { input: 180000, output: 2000 })
      .compaction()
      .answer('continuing')
      .taskComplete()
    rollout.taskStarted().prompt('next').answer('ok').taskComplete()
    const compactedAt = (rollout.lines.find((l) => typeof l !== 'string' && l.type === 'compacted') as { timestamp: string }).timestamp
    const detail = await detailOf(await writeRollout(home, rollout))
    expect(detail.turns.map((t) => t.compactedBefore ?? null)).toEqual([null, { at: compactedAt, trigger: null, preTokens: 182000 }])
  })

  it('caps long texts with a marker saying how much was left out', async () => {
    const long = 'x'.repeat(TEXT_CAP + 123)
    const rollout = new Rollout().taskStarted().prompt(long).answer(long)
    rollout.functionCall('exec_command', {}, 'big').functionOutput('big', long)
    const detail = await detailOf(await writeRollout(home, rollout))
    const turn = detail.turns[0]
    expect(turn?.user?.text).toBe(`${'x'.repeat(TEXT_CAP)}… (123 more characters)`)
    expect(turn?.agent?.text.endsWith('… (123 more characters)')).toBe(true)
    expect(turn?.steps[0]?.output?.length).toBe(TEXT_CAP + '… (123 more characters)'.length)
    // The title stays short.
    expect(detail.session.title.length).toBeLessThanOrEqual(160)
  })
})

describe('Codex live files', () => {
  it('skips and counts a cut-off last line, then reads it once the append completes', async () => {
    const rollout = simple()
    const full = rollout.text()
    const lastLine = JSON.stringify({
      timestamp: '2026-11-05T09:30:00.000Z',
      type: 'event_msg',
      payload: { type: 'user_message', message: 'follow-up', images: [] },
    })
    const path = await writeRollout(home, full + lastLine.slice(0, 40))
    const first = await summaryOf(path)
    expect(first.turns).toBe(1)
    expect((await detailOf(path)).skippedLines).toBe(1)
    await appendFile(path, `${lastLine.slice(40)}\n`)
    const second = await summaryOf(path)
    expect(second.turns).toBe(2)
    expect(second.updatedAt).toBe('2026-11-05T09:30:00.000Z')
    expect((await detailOf(path)).skippedLines).toBe(0)
  })

  it('reads an appended file from where it stopped, and a rewritten or shrunk one from the start', async () => {
    const rollout = simple('first prompt')
    const path = await writeRollout(home, rollout)
    expect((await summaryOf(path)).turns).toBe(1)
    rollout.taskStarted().prompt('second prompt').answer('ok')
    await appendFile(path, rollout.text().slice((await stat(path)).size))
    const grown = await summaryOf(path)
    expect(grown.turns).toBe(2)
    expect(grown.title).toBe('first prompt')
    // Rewritten with different content, longer than before.
    const other = new Rollout({ cwd: '/home/dev/other' }).taskStarted().prompt('rewritten').answer('x').prompt('again').prompt('and again')
    await writeFile(path, other.text())
    const rewritten = await summaryOf(path)
    expect([rewritten.title, rewritten.turns, rewritten.project]).toEqual(['rewritten', 3, '/home/dev/other'])
    // Shrunk.
    await writeFile(path, simple('short').text())
    const shrunk = await summaryOf(path)
    expect([shrunk.title, shrunk.turns, shrunk.project]).toEqual(['short', 1, '/home/dev/shop'])
  })
  it('resumes an append without reading the start again', async () => {
    // Between the 4 KiB windows that tell an append from a rewrite (the file's start, and the
    // bytes before where the last read stopped), change bytes in place, then append: a resumed
    // read does not see the change, which shows it did not read from the start.
    const rollout = new Rollout()
      .push('turn_context', { model: 'gpt-5.5', padding: 'p'.repeat(5000) })
      .taskStarted()
      .prompt('first prompt')
      .push('turn_context', { model: 'gpt-5.5', padding: 'q'.repeat(5000) })
    const path = await writeRollout(home, rollout)
    expect((await summaryOf(path)).title).toBe('first prompt')
    const text = rollout.text().replace('"message":"first prompt"', '"message":"FIRST prompt"')
    rollout.taskStarted().prompt('second prompt')
    await writeFile(path, text + rollout.text().slice(text.length))
    const resumed = await summaryOf(path)
    expect([resumed.title, resumed.turns]).toEqual(['first prompt', 2])
    // A full read (the detail) sees the file as it is.
    expect((await detailOf(path)).session.title).toBe('FIRST prompt')
  })
})

describe('Codex store layout', () => {
  it('lists sessions/YYYY/MM/DD and, with archived, archived_sessions; ignores side files and strays', async () => {
    await writeRollout(home, simple('a', '019a0000-0000-7000-8000-000000000a01'), { stamp: '2026-11-05T10-00-00' })
    await writeRollout(home, simple('b', '019a0000-0000-7000-8000-000000000a02'), { stamp: '2025-01-31T23-59-59' })
    await writeRollout(home, simple('c', '019a0000-0000-7000-8000-000000000a03'), { archived: true })
    await writeFileDeep(join(home, 'session_index.jsonl'), '')
    await writeFileDeep(join(home, 'history.jsonl'), '{"session_id":"x","ts":1,"text":"hi"}\n')
    await writeFileDeep(join(home, 'state_5.sqlite'), 'sqlite')
    await writeFileDeep(join(home, 'sessions', '2026', '11', '05', 'notes.jsonl'), '{}\n')
    await writeFileDeep(join(home, 'sessions', '2026', '11', '05', '.rollout-2026-11-05T10-00-00-x.jsonl'), '{}\n')
    await writeFileDeep(join(home, 'sessions', '2026', '11', '05', 'rollout-2026-11-05T10-00-00-y.jsonl.tmp'), '{}\n')
    await writeFileDeep(join(home, 'sessions', '2026', '11', 'rollout-2026-11-05T10-00-00-z.jsonl'), '{}\n')
    await writeFileDeep(join(home, 'sessions', 'misc', '11', '05', 'rollout-2026-11-05T10-00-00-w.jsonl'), '{}\n')
    const active = await list()
    expect(active.map((s) => s.id).sort()).toEqual(['019a0000-0000-7000-8000-000000000a01', '019a0000-0000-7000-8000-000000000a02'])
    const all = await list(true)
    expect(all.map((s) => [s.id.slice(-3), s.archived]).sort()).toEqual([
      ['a01', false],
      ['a02', false],
      ['a03', true],
    ])
  })

  it('classifies paths: dated rollouts active, archived_sessions archived, everything else not a session', () => {
    const c = (...parts: string[]) => codexFormat.classify(home, join(home, ...parts))
    const name = 'rollout-2026-11-05T10-00-00-019a0000-1111-7222-8333-444455556666.jsonl'
    expect(c('sessions', '2026', '11', '05', name)).toEqual({ archived: false })
    expect(c('sessions', '2026', '11', '05', `${name}.zst`)).toEqual({ archived: false })
    expect(c('archived_sessions', name)).toEqual({ archived: true })
    expect(c('archived_sessions', `${name}.zst`)).toEqual({ archived: true })
    expect(c('session_index.jsonl')).toBeNull()
    expect(c('history.jsonl')).toBeNull()
    expect(c('state_5.sqlite')).toBeNull()
    expect(c('sessions', '2026', '11', '05', `${name}.tmp`)).toBeNull()
    expect(c('sessions', '2026', '11', '05', `.${name}`)).toBeNull()
    expect(c('sessions', '2026', '11', name)).toBeNull()
    expect(c('sessions', '2026', 'xx', '05', name)).toBeNull()
    expect(c('archived_sessions', '2026', name)).toBeNull()
    expect(c('sessions', '2026', '11', '05', 'notes.jsonl')).toBeNull()
    expect(codexFormat.classify(home, join(home, '..', 'elsewhere', name))).toBeNull()
  })

  it('archives into archived_sessions/ and puts back into the date folder of the file name', () => {
    const name = 'rollout-2025-12-31T23-30-00-019a0000-1111-7222-8333-444455556666.jsonl'
    const active = join(home, 'sessions', '2025', '12', '31', name)
    const archived = codexFormat.archivedPathOf?.(home, active) as string
    expect(archived).toBe(join(home, 'archived_sessions', name))
    expect(codexFormat.classify(home, archived)).toEqual({ archived: true })
    expect(codexFormat.unarchivedPathOf?.(home, archived)).toBe(active)
    expect(codexFormat.classify(home, active)).toEqual({ archived: false })
    expect(codexFormat.unarchivedPathOf?.(home, `${archived}.zst`)).toBe(`${active}.zst`)
    expect(codexFormat.moves).toBe('unsupported')
  })

  it('sniffs a Codex home with rollouts as yes, one with an empty sessions folder as empty, anything else as no', async () => {
    expect(await codexFormat.sniff(home)).toBe('empty')
    await writeRollout(home, simple())
    expect(await codexFormat.sniff(home)).toBe('yes')
    // The sessions folder itself is not the store root (discovery maps it to its parent).
    expect(await codexFormat.sniff(join(home, 'sessions'))).toBe('no')
    const other = join(home, '..', 'other')
    await mkdir(other)
    expect(await codexFormat.sniff(other)).toBe('no')
    const archivedOnly = join(home, '..', 'archived-only')
    await writeRollout(archivedOnly, simple(), { archived: true })
    expect(await codexFormat.sniff(archivedOnly)).toBe('yes')
  })

  it('is found by discovery from the Codex home, its sessions folder or its archived_sessions folder', async () => {
    await writeRollout(home, simple())
    await writeRollout(home, simple('old', '019a0000-0000-7000-8000-000000000a09'), { archived: true })
    for (const dir of [home, join(home, 'sessions'), join(home, 'archived_sessions')]) {
      expect(await resolveStoreDir(dir)).toEqual([{ format: 'codex', root: home }])
    }
  })

  it('uses $CODEX_HOME, else ~/.codex', () => {
    expect(codexFormat.defaultRoots('/home/u', {})).toEqual([join('/home/u', '.codex')])
    expect(codexFormat.defaultRoots('/home/u', { CODEX_HOME: '/data/codex' })).toEqual(['/data/codex'])
    expect(codexFormat.pathHint.test('/home/u/.codex')).toBe(true)
    expect(codexFormat.pathHint.test('/home/u/.codex/sessions')).toBe(true)
    expect(codexFormat.pathHint.test('/home/u/codex')).toBe(false)
    expect(codexFormat.watchDepth).toBe(5)
  })

  it('has every folder a rollout sits in watched', () => {
    const day = join(home, 'sessions', '2026', '11', '05')
    for (const folder of [home, join(home, 'sessions'), join(home, 'sessions', '2026'), join(home, 'sessions', '2026', '11'), day]) {
      expect(isWatchedFolder(home, folder, codexFormat.watchDepth, false), folder).toBe(true)
    }
    expect(isWatchedFolder(home, join(home, 'archived_sessions'), codexFormat.watchDepth, true)).toBe(true)
  })

  it('reads detail and summary alike through loadSession', async () => {
    await writeRollout(home, simple())
    const session = await only()
    const detail = await loadSession(session)
    expect(detail.session).toEqual(session)
    expect(detail.turns.reduce((n, t) => n + t.steps.length, 0)).toBe(session.steps)
  })
})

describe('Codex legacy rollouts', () => {
  it('reads the pre-envelope layout: a bare meta line, then bare response items', async () => {
    const lines = [
      { id: '019a0000-0000-7000-8000-00000000f001', timestamp: '2025-05-01T08:00:00.000Z', instructions: null, git: { branch: 'old' } },
      { record_type: 'state' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: '<environment_context>x</environment_context>' }] },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Legacy prompt' }] },
      { type: 'function_call', name: 'shell', arguments: '{"command":["ls"]}', call_id: 'c1' },
      { type: 'function_call_output', call_id: 'c1', output: '{"output":"a","metadata":{"exit_code":1,"duration_seconds":0.1}}' },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Legacy answer' }] },
    ]
    const path = await writeRollout(home, lines.map((l) => JSON.stringify(l)).join('\n') + '\n', {
      id: '019a0000-0000-7000-8000-00000000f001',
    })
    const session = await only()
    expect(session).toMatchObject({
      id: '019a0000-0000-7000-8000-00000000f001',
      title: 'Legacy prompt',
      branch: 'old',
      turns: 1,
      steps: 1,
      errors: 1,
      createdAt: '2025-05-01T08:00:00.000Z',
    })
    const detail = await detailOf(path)
    expect(detail.turns.map((t) => [t.user?.text, t.agent?.text, t.steps[0]?.durationMs])).toEqual([
      ['Legacy prompt', 'Legacy answer', 100],
    ])
  })
})
