// The right pane: the open session's header, an overview strip of its turns, and the turns.
// A session that is still being written is reloaded when a batch changes it; a reader at the
// bottom stays at the bottom.
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { SessionSummary, Turn } from '../../../src-main/core/model'
import { FORMAT_LABELS } from '../../../src-main/core/model'
import { formatBytes, formatCost, formatLocalTime, formatTokens } from '../../../src-main/core/display'
import { useApp } from '../app-context'
import { useNow } from '../hooks/use-now'
import { isLive, plural, projectName, relativeTime, sessionTitle } from '../state/format'
import { storeIdsByRoot, storeIdOfSession } from '../state/sessions'
import { useDetailStore } from '../stores/detail-store'
import { useSessionsStore } from '../stores/sessions-store'
import { useUiStore } from '../stores/ui-store'
import { CopyIcon, RevealIcon } from './icons'
import { ltr } from './Tree'
import { TurnView } from './Turn'

function useOpenSummary(): SessionSummary | null {
  const ref = useUiStore((s) => s.openSession)
  return useSessionsStore((s) => {
    if (!ref || !s.data) return null
    const root = s.data.stores.find((store) => store.id === ref.storeId)?.root
    if (root === undefined) return null
    const byRoot = storeIdsByRoot(s.data.stores)
    return s.data.sessions.find((session) => session.id === ref.id && storeIdOfSession(byRoot, session) === ref.storeId) ?? null
  })
}

function OverviewStrip({ turns, onJump }: { turns: Turn[]; onJump(number: number): void }) {
  const total = turns.reduce((sum, turn) => sum + turn.steps.length + 1, 0)
  if (turns.length < 2) return null
  return (
    <nav className="overview" aria-label="Turns overview">
      {turns.map((turn, i) => {
        const errors = turn.steps.filter((step) => step.isError).length
        return (
          <button
            type="button"
            key={turn.index}
            className={errors > 0 ? 'overview-seg has-error' : 'overview-seg'}
            style={{ flexGrow: turn.steps.length + 1 }}
            title={`Turn ${i + 1}: ${plural(turn.steps.length, 'tool call')}${errors ? `, ${plural(errors, 'error')}` : ''}${turn.user ? ` — ${turn.user.text.slice(0, 80)}` : ''}`}
            aria-label={`Jump to turn ${i + 1}`}
            onClick={() => onJump(i + 1)}
          >
            <span aria-hidden="true">{(turn.steps.length + 1) / total > 0.04 ? i + 1 : ''}</span>
          </button>
        )
      })}
    </nav>
  )
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 1500)
    return () => clearTimeout(timer)
  }, [copied])
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => undefined,
        )
      }}
    >
      <CopyIcon size={13} />
      {copied ? 'Copied' : 'Copy'}
    </button>
  )
}

function Header({ session, live }: { session: SessionSummary; live: boolean }) {
  const { client, actions } = useApp()
  const storeId = useUiStore((s) => s.openSession?.storeId)
  const now = useNow(5000)
  const fields: Array<[string, string]> = []
  fields.push(['Project', projectName(session.project)])
  if (session.model) fields.push(['Model', session.model])
  if (session.status) fields.push(['Status', session.status])
  if (session.agent) fields.push(['Agent', session.agent])
  if (session.branch) fields.push(['Branch', session.branch])
  fields.push(['Created', formatLocalTime(session.createdAt)])
  fields.push(['Updated', `${formatLocalTime(session.updatedAt)} (${relativeTime(session.updatedAt, now)})`])
  if (session.tokens) fields.push(['Tokens', formatTokens(session.tokens)])
  if (session.costUsd !== null) fields.push(['Cost', formatCost(session.costUsd)])
  fields.push(['Size', formatBytes(session.bytes)])
  return (
    <header className="session-head">
      <div className="session-title-row">
        <h1 className="session-title">{sessionTitle(session)}</h1>
      </div>
      <div className="session-chips">
        <span className={`chip chip--${session.format}`}>{FORMAT_LABELS[session.format]}</span>
        {live ? <span className="badge badge--live">live</span> : null}
        {session.archived ? <span className="badge badge--muted">archived</span> : null}
        <span className="muted">
          {plural(session.turns, 'turn')} · {plural(session.steps, 'tool call')}
          {session.errors > 0 ? ' · ' : ''}
        </span>
        {session.errors > 0 ? <span className="badge badge--error">{plural(session.errors, 'error')}</span> : null}
      </div>
      <dl className="session-fields">
        {fields.map(([name, value]) => (
          <div key={name} className="session-field">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="session-path">
        <code title={session.path}>{ltr(session.path)}</code>
        <CopyButton text={session.path} />
        {client.shell === 'electron' && storeId ? (
          <button type="button" className="button button--small" onClick={() => void actions.reveal({ storeId, id: session.id })}>
            <RevealIcon size={13} />
            Reveal in folder
          </button>
        ) : null}
      </div>
    </header>
  )
}

export function SessionView() {
  const { client } = useApp()
  const ref = useUiStore((s) => s.openSession)
  const summary = useOpenSummary()
  const { detail, status, error } = useDetailStore()
  const load = useDetailStore((s) => s.load)
  const clear = useDetailStore((s) => s.clear)
  const liveWindowMs = useSessionsStore((s) => s.data?.liveWindowMs ?? 60_000)
  const now = useNow(5000)
  const scroller = useRef<HTMLDivElement>(null)
  const atBottom = useRef(false)
  const lastOpened = useRef<string | null>(null)

  // Reload when the session opens, and whenever a batch changes its file.
  const version = summary ? `${summary.path}|${summary.modifiedAt}|${summary.updatedAt}|${summary.bytes}|${summary.turns}|${summary.steps}` : null
  useEffect(() => {
    if (!ref) {
      clear()
      return
    }
    if (!version) return
    void load(client, ref)
  }, [ref, version, client, load, clear])

  const shown = detail && ref && detail.session.id === ref.id ? detail : null
  const shownKey = shown && ref ? `${ref.storeId}/${ref.id}` : null
  useLayoutEffect(() => {
    const element = scroller.current
    if (!element || !shownKey) return
    if (lastOpened.current !== shownKey) {
      // A session just opened: start at its top.
      lastOpened.current = shownKey
      element.scrollTop = 0
      atBottom.current = false
    } else if (atBottom.current) {
      // The open session grew while the reader was at the bottom: stay there.
      element.scrollTop = element.scrollHeight
    }
  }, [shown, shownKey])

  const jump = (number: number) => {
    const target = scroller.current?.querySelector<HTMLElement>(`#turn-${number}`)
    target?.scrollIntoView({ block: 'start', behavior: 'smooth' })
  }

  const live = summary ? !summary.archived && isLive(summary, now, liveWindowMs) : false

  if (!ref) {
    return (
      <div className="placeholder">
        <p className="placeholder-title">No session open</p>
        <p className="muted">Choose a session in the tree to see its turns and tool calls.</p>
      </div>
    )
  }
  if (!summary && !shown) {
    return (
      <div className="placeholder">
        <p className="placeholder-title">This session is no longer listed</p>
        <p className="muted">It was moved to the trash, archived or removed on disk.</p>
      </div>
    )
  }
  const session = summary ?? shown?.session
  return (
    <div
      className="session-view"
      ref={scroller}
      onScroll={(event) => {
        const element = event.currentTarget
        if (lastOpened.current === shownKey) atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24
      }}
    >
      {session ? <Header session={session} live={live} /> : null}
      {shown ? <OverviewStrip turns={shown.turns} onJump={jump} /> : null}
      {status === 'error' && error ? (
        <p className="inline-error" role="alert">
          Could not load this session: {error}
        </p>
      ) : null}
      {status === 'loading' && !shown ? <p className="muted loading">Loading…</p> : null}
      {shown ? (
        <div className="turns">
          {shown.turns.length === 0 ? <p className="muted">This session has no turns recorded in its file.</p> : null}
          {shown.turns.map((turn, i) => (
            <TurnView key={turn.index} turn={turn} number={i + 1} />
          ))}
          {live ? (
            <p className="live-footer">
              <span className="live-dot" aria-hidden="true" /> The agent is still writing this session; new turns appear here as they arrive.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
