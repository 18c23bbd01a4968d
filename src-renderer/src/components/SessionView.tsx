// The right pane: the open session's header, an overview strip of its turns, and the turns.
// A session that is still being written is reloaded when a batch changes it; a reader at the
// bottom stays at the bottom.
import { Fragment, type RefObject, type UIEvent, useEffect, useLayoutEffect, useMemo, useRef } from 'react'
import type { CompactionMarker, SessionDetail, SessionSummary, Turn } from '../../../src-shared/model'
import { formatLocalTime } from '../../../src-shared/display'
import { useApp } from '../app-context'
import { useNow } from '../hooks/use-now'
import { compactionLabel, isLive, plural } from '../state/format'
import { findSession } from '../state/sessions'
import type { SessionRef } from '../../../src-shared/contract'
import { useDetailStore } from '../stores/detail-store'
import { currentMatches, useFindStore } from '../stores/find-store'
import { useSessionsStore } from '../stores/sessions-store'
import { useUiStore } from '../stores/ui-store'
import { FindBar } from './FindBar'
import { type SubAgentLinks, type TurnFind, TurnView } from './Turn'
import { Header, openLinked, useSessionNamer } from './SessionHeader'

/** The open session's summary (a sub-agent recorded inside its parent's file included). */
function useOpenSummary(): SessionSummary | null {
  const ref = useUiStore((s) => s.openSession)
  return useSessionsStore((s) => (!ref || !s.data ? null : (findSession(s.data.stores, s.data.sessions, ref) ?? null)))
}

/** Where the conversation was compacted (summarized to free context), between two turns. */
function CompactionSeparator({ marker }: { marker: CompactionMarker }) {
  const label = compactionLabel(marker)
  return (
    <div className="compaction" role="separator" aria-label={label} title={marker.at ? `${label}, ${formatLocalTime(marker.at)}` : label}>
      <span className="compaction-rule" aria-hidden="true" />
      <span className="compaction-text" aria-hidden="true">
        {label}
        {marker.at ? <span className="compaction-time"> · {formatLocalTime(marker.at)}</span> : null}
      </span>
      <span className="compaction-rule" aria-hidden="true" />
    </div>
  )
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
            className={['overview-seg', errors > 0 ? 'has-error' : '', turn.compactedBefore ? 'after-compaction' : '']
              .filter(Boolean)
              .join(' ')}
            style={{ flexGrow: turn.steps.length + 1 }}
            title={`Turn ${i + 1}: ${plural(turn.steps.length, 'tool call')}${errors ? `, ${plural(errors, 'error')}` : ''}${turn.compactedBefore ? ' (after a compaction)' : ''}${turn.user ? ` — ${turn.user.text.slice(0, 80)}` : ''}`}
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

/** Loads the open session's detail when it opens, and again whenever a batch changes its file. */
function useDetailLoading(ref: SessionRef | null, summary: SessionSummary | null): void {
  const { client } = useApp()
  const load = useDetailStore((s) => s.load)
  const clear = useDetailStore((s) => s.clear)
  const version = summary
    ? `${summary.path}|${summary.modifiedAt}|${summary.updatedAt}|${summary.bytes}|${summary.turns}|${summary.steps}`
    : null
  useEffect(() => {
    if (!ref) {
      clear()
      return
    }
    if (!version) return
    void load(client, ref)
  }, [ref, version, client, load, clear])
}

/**
 * Where the reader is in the shown session: at the top when one opens, at the bottom still when
 * it grows while they were there. Gives back the scroller's ref and the handler that notes
 * whether they are at the bottom.
 */
function useReadingPosition(shown: SessionDetail | null, shownKey: string | null) {
  const scroller = useRef<HTMLDivElement>(null)
  const atBottom = useRef(false)
  const lastOpened = useRef<string | null>(null)
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
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const element = event.currentTarget
    if (lastOpened.current === shownKey) atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24
  }
  return { scroller, onScroll }
}

/** How long a revealed turn (a search hit's) stays highlighted. */
const REVEAL_HIGHLIGHT_MS = 3000

/**
 * Scrolls the shown session to the place asked for (a search hit's turn and step) once it is
 * shown, and gives back that place while it is highlighted; the highlight goes after a while.
 */
function useReveal(shown: SessionDetail | null, ref: SessionRef | null, scroller: RefObject<HTMLDivElement | null>): Reveal | null {
  const target = useUiStore((s) => s.reveal)
  const position =
    shown && target && ref && target.ref.storeId === ref.storeId && target.ref.id === ref.id
      ? shown.turns.findIndex((turn) => turn.index === target.turn)
      : -1
  const reveal = useMemo(() => (target && position >= 0 ? { position, step: target.step, nonce: target.nonce } : null), [target, position])
  // After useReadingPosition's effect, which puts a newly opened session at its top.
  useLayoutEffect(() => {
    if (!reveal) return
    const number = reveal.position + 1
    const element =
      (reveal.step === null ? null : scroller.current?.querySelector(`#turn-${number}-step-${reveal.step}`)) ??
      scroller.current?.querySelector(`#turn-${number}`)
    element?.scrollIntoView({ block: reveal.step === null ? 'start' : 'center' })
  }, [reveal, scroller])
  const nonce = reveal?.nonce
  useEffect(() => {
    if (nonce === undefined) return
    const timer = setTimeout(() => {
      if (useUiStore.getState().reveal?.nonce === nonce) useUiStore.getState().setReveal(null)
    }, REVEAL_HIGHLIGHT_MS)
    return () => clearTimeout(timer)
  }, [nonce])
  return reveal
}

interface Reveal {
  /** The turn's position in the list, and the step within it. */
  position: number
  step: number | null
  nonce: number
}

/**
 * The find bar's query for every turn (one object, so unchanged turns are not drawn again) and
 * its active match for the one turn that has it; scrolls to that match when it moves.
 */
function useFind(shown: SessionDetail | null, shownKey: string | null, scroller: RefObject<HTMLDivElement | null>) {
  const { open, query, active, nonce, reset } = useFindStore()
  useEffect(() => reset(), [shownKey, reset])
  const turns = shown?.turns
  const match = useMemo(() => (open && turns ? (currentMatches(query)[active] ?? null) : null), [open, turns, query, active])
  const base: TurnFind | undefined = useMemo(
    () => (open && query.trim() !== '' ? { query, active: null, nonce: 0 } : undefined),
    [open, query],
  )
  const current: TurnFind | undefined = useMemo(() => (match ? { query, active: match, nonce } : undefined), [match, query, nonce])
  // After the turn has opened the match's step: the <mark> is there, or (Markdown) its message.
  useLayoutEffect(() => {
    if (!match) return
    const turn = scroller.current?.querySelector(`#turn-${match.position + 1}`)
    const element =
      turn?.querySelector('[data-find-active="true"]') ??
      (match.step === null
        ? turn?.querySelector('.message.is-find-current')
        : turn?.querySelector(`#turn-${match.position + 1}-step-${match.step}`)) ??
      turn
    element?.scrollIntoView({ block: 'center' })
  }, [match, nonce, scroller])
  return (position: number) => (current && current.active?.position === position ? current : base)
}

function TurnList({
  turns,
  live,
  subAgents,
  reveal,
  findFor,
}: {
  turns: Turn[]
  live: boolean
  subAgents: SubAgentLinks
  reveal: Reveal | null
  findFor(position: number): TurnFind | undefined
}) {
  return (
    <div className="turns">
      {turns.length === 0 ? <p className="muted">This session has no turns recorded in its file.</p> : null}
      {turns.map((turn, i) => (
        <Fragment key={turn.index}>
          {turn.compactedBefore ? <CompactionSeparator marker={turn.compactedBefore} /> : null}
          <TurnView
            turn={turn}
            number={i + 1}
            subAgents={subAgents}
            highlight={reveal?.position === i ? { step: reveal.step, nonce: reveal.nonce } : undefined}
            find={findFor(i)}
          />
        </Fragment>
      ))}
      {live ? (
        <p className="live-footer">
          <span className="live-dot" aria-hidden="true" /> The agent is still writing this session; new turns appear here as they arrive.
        </p>
      ) : null}
    </div>
  )
}

export function SessionView() {
  const ref = useUiStore((s) => s.openSession)
  const summary = useOpenSummary()
  const { detail, status, error } = useDetailStore()
  const liveWindowMs = useSessionsStore((s) => s.data?.liveWindowMs ?? 60_000)
  const now = useNow(5000)
  useDetailLoading(ref, summary)

  const shown = detail && ref && detail.session.id === ref.id ? detail : null
  const shownKey = shown && ref ? `${ref.storeId}/${ref.id}` : null
  const { scroller, onScroll } = useReadingPosition(shown, shownKey)
  const reveal = useReveal(shown, ref, scroller)
  const findFor = useFind(shown, shownKey, scroller)

  const jump = (number: number) => {
    const target = scroller.current?.querySelector<HTMLElement>(`#turn-${number}`)
    target?.scrollIntoView({ block: 'start', behavior: 'smooth' })
  }

  const live = summary ? !summary.archived && isLive(summary, now, liveWindowMs) : false
  const nameOf = useSessionNamer(ref?.storeId)
  const openStore = ref?.storeId
  const subAgents: SubAgentLinks = useMemo(
    () => ({ nameOf, open: (id: string) => openStore && openLinked({ storeId: openStore, id }) }),
    [nameOf, openStore],
  )

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
    <div className="session-view" ref={scroller} onScroll={onScroll}>
      <FindBar />
      {session ? <Header session={session} detail={shown} live={live} /> : null}
      {shown ? <OverviewStrip turns={shown.turns} onJump={jump} /> : null}
      {status === 'error' && error ? (
        <p className="inline-error" role="alert">
          Could not load this session: {error}
        </p>
      ) : null}
      {status === 'loading' && !shown ? <p className="muted loading">Loading…</p> : null}
      {shown ? <TurnList turns={shown.turns} live={live} subAgents={subAgents} reveal={reveal} findFor={findFor} /> : null}
    </div>
  )
}
