// One turn: the user's message, the tool calls (timeline, list, details) and the agent's reply.
import { type KeyboardEvent, memo, useState } from 'react'
import type { Step, Turn } from '../../../src-shared/model'
import { formatDuration, formatLocalTime } from '../../../src-shared/display'
import { type FindMatch, matchRanges, outputText, prettyArgs } from '../state/find'
import { plural } from '../state/format'
import { Highlighted } from './FindBar'
import { ChatIcon, CloseIcon, SparkIcon, ToolIcon, UserIcon } from './icons'
import { Markdown } from './Markdown'
import { Timeline, argsGist } from './Timeline'

const COLLAPSED_CHARS = 4000

/** What the find bar highlights in one text: its query, and which occurrence is the active match. */
interface TextFind {
  query: string
  active: number | null
}

function Collapsible({ text, className, find }: { text: string; className: string; find?: TextFind }) {
  const [state, setExpanded] = useState(false)
  const long = text.length > COLLAPSED_CHARS || text.split('\n').length > 40
  // The active match lies past the cut: shown whole.
  const activeEnd = find && find.active !== null ? (matchRanges(text, find.query)[find.active]?.[1] ?? 0) : 0
  const expanded = state || activeEnd > COLLAPSED_CHARS
  const shown = long && !expanded ? text.slice(0, COLLAPSED_CHARS) : text
  return (
    <div className={long && !expanded ? 'code-block is-collapsed' : 'code-block'}>
      <pre className={className}>
        <Highlighted text={shown} query={find?.query} active={find?.active ?? null} />
      </pre>
      {long ? (
        <button type="button" className="link-button show-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show more'}
        </button>
      ) : null}
    </div>
  )
}

/** How a turn names and opens the sub-agent sessions its tool calls started. */
export interface SubAgentLinks {
  nameOf(id: string): { name: string; listed: boolean }
  open(id: string): void
}

function SubAgentLink({ id, links }: { id: string; links: SubAgentLinks }) {
  const { name, listed } = links.nameOf(id)
  return (
    <div className="step-sub-agent">
      <button
        type="button"
        className="button button--small"
        aria-label={`Open sub-agent ${name}`}
        disabled={!listed}
        title={listed ? undefined : 'This sub-agent session is not listed'}
        onClick={() => links.open(id)}
      >
        <ChatIcon size={13} />
        Open sub-agent
      </button>
      <span className="step-sub-agent-name">{name}</span>
    </div>
  )
}

/** The find bar's query over a turn, and the active match when it is in this turn. */
export interface TurnFind {
  query: string
  active: FindMatch | null
  nonce: number
}

/** What one text of a turn highlights: the query, and the active occurrence if the match is there. */
function textFind(find: TurnFind | undefined, field: FindMatch['field'], step: number | null): TextFind | undefined {
  if (!find) return undefined
  const here = find.active && find.active.field === field && find.active.step === step
  return { query: find.query, active: here && find.active ? find.active.occurrence : null }
}

function StepDetail({
  step,
  index,
  onClose,
  links,
  find,
}: {
  step: Step
  index: number
  onClose(): void
  links?: SubAgentLinks
  find?: TurnFind
}) {
  return (
    <section className={step.isError ? 'step-detail is-error' : 'step-detail'} aria-label={`Tool call ${index + 1}: ${step.tool}`}>
      <header className="step-detail-head">
        <ToolIcon />
        <strong>{step.tool}</strong>
        {step.isError ? <span className="badge badge--error">failed</span> : <span className="badge badge--ok">ok</span>}
        {step.durationMs !== null ? <span className="muted">{formatDuration(step.durationMs)}</span> : null}
        {step.at ? <span className="muted">{formatLocalTime(step.at)}</span> : null}
        <span className="spacer" />
        <button type="button" className="icon-button" aria-label="Close tool call details" title="Close" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      {step.childSessionId && links ? <SubAgentLink id={step.childSessionId} links={links} /> : null}
      <h4>Arguments</h4>
      <Collapsible text={prettyArgs(step.args)} className="code" find={textFind(find, 'args', index)} />
      <h4>Output</h4>
      {step.output === null ? (
        <p className="muted">No result recorded (the call may still be running).</p>
      ) : (
        <Collapsible text={outputText(step)} className={step.isError ? 'code is-error' : 'code'} find={textFind(find, 'output', index)} />
      )}
    </section>
  )
}

function StepList({
  steps,
  selected,
  onSelect,
  turnNumber,
  find,
}: {
  steps: Step[]
  selected: number | null
  onSelect(index: number | null): void
  turnNumber: number
  find?: TurnFind
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const at = selected ?? -1
    let next: number | null = null
    if (event.key === 'ArrowDown') next = Math.min(steps.length - 1, at + 1)
    else if (event.key === 'ArrowUp') next = Math.max(0, at - 1)
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = steps.length - 1
    else if (event.key === 'Escape' && selected !== null) {
      event.stopPropagation()
      onSelect(null)
      return
    }
    if (next === null) return
    event.preventDefault()
    onSelect(next)
    const list = event.currentTarget
    requestAnimationFrame(() => list.querySelector<HTMLElement>(`[data-step="${next}"]`)?.scrollIntoView({ block: 'nearest' }))
  }
  return (
    <ul
      className="step-list"
      role="listbox"
      aria-label={`Tool calls of turn ${turnNumber}`}
      tabIndex={0}
      aria-activedescendant={selected !== null ? `turn-${turnNumber}-step-${selected}` : undefined}
      onKeyDown={onKeyDown}
    >
      {steps.map((step, index) => {
        const gist = argsGist(step.args)
        return (
          <li
            key={step.id || index}
            id={`turn-${turnNumber}-step-${index}`}
            data-step={index}
            role="option"
            aria-selected={selected === index}
            aria-label={`${index + 1}. ${step.tool}${gist ? `: ${gist.slice(0, 80)}` : ''}${step.isError ? ' (failed)' : ''}${step.childSessionId ? ', started a sub-agent' : ''}`}
            className={['step-item', step.isError ? 'is-error' : '', selected === index ? 'is-selected' : ''].join(' ')}
            onClick={() => onSelect(selected === index ? null : index)}
          >
            <span className="step-index">{index + 1}</span>
            <span className={step.isError ? 'step-dot is-error' : 'step-dot'} aria-hidden="true" />
            <span className="step-tool">
              <Highlighted text={step.tool} query={find?.query} active={textFind(find, 'tool', index)?.active ?? null} />
            </span>
            <span className="step-gist">{gist}</span>
            {step.childSessionId ? <span className="badge badge--muted step-badge">sub-agent</span> : null}
            <span className="step-duration">{formatDuration(step.durationMs)}</span>
          </li>
        )
      })}
    </ul>
  )
}

interface TurnProps {
  turn: Turn
  number: number
  subAgents?: SubAgentLinks
  /** Shown highlighted (a search hit's turn), its step's details open; a new nonce shows it again. */
  highlight?: { step: number | null; nonce: number }
  /** The find bar's query and, when it is in this turn, its active match (whose step's details open). */
  find?: TurnFind
}

export const TurnView = memo(function TurnView({ turn, number, subAgents, highlight, find }: TurnProps) {
  const [selected, setSelected] = useState<number | null>(null)
  // A new highlight opens its step's details (state adjusted while rendering, as React advises).
  const [shownHighlight, setShownHighlight] = useState<number | undefined>(undefined)
  if (highlight && highlight.nonce !== shownHighlight) {
    setShownHighlight(highlight.nonce)
    if (highlight.step !== null && highlight.step < turn.steps.length) setSelected(highlight.step)
  }
  // So does the find bar's active match in a tool call.
  const [shownFind, setShownFind] = useState<number | undefined>(undefined)
  const found = find?.active ?? null
  if (found && find && find.nonce !== shownFind) {
    setShownFind(find.nonce)
    if (found.step !== null && found.step < turn.steps.length) setSelected(found.step)
  }
  const errors = turn.steps.filter((step) => step.isError).length
  const selectedStep = selected !== null ? turn.steps[selected] : undefined
  return (
    <article
      className={['turn', highlight ? 'is-revealed' : '', found ? 'is-find-current' : ''].filter(Boolean).join(' ')}
      aria-label={`Turn ${number}`}
      id={`turn-${number}`}
      data-revealed={highlight ? 'true' : undefined}
      data-find-current={found ? 'true' : undefined}
    >
      <header className="turn-head">
        <span className="turn-number">Turn {number}</span>
        {turn.user?.at ? (
          <time className="muted" dateTime={turn.user.at}>
            {formatLocalTime(turn.user.at)}
          </time>
        ) : null}
        <span className="spacer" />
        {turn.steps.length > 0 ? <span className="muted">{plural(turn.steps.length, 'tool call')}</span> : null}
        {errors > 0 ? <span className="badge badge--error">{plural(errors, 'error')}</span> : null}
      </header>
      {turn.user ? (
        <div className={found?.field === 'prompt' ? 'message message--user is-find-current' : 'message message--user'}>
          <div className="message-who">
            <UserIcon /> User
          </div>
          <Markdown text={turn.user.text} expand={found?.field === 'prompt'} />
        </div>
      ) : null}
      {turn.steps.length > 0 ? (
        <div className="turn-steps">
          <Timeline steps={turn.steps} selected={selected} onSelect={setSelected} turnNumber={number} />
          <StepList steps={turn.steps} selected={selected} onSelect={setSelected} turnNumber={number} find={find} />
          {selectedStep && selected !== null ? (
            <StepDetail step={selectedStep} index={selected} onClose={() => setSelected(null)} links={subAgents} find={find} />
          ) : null}
        </div>
      ) : null}
      {turn.agent ? (
        <div className={found?.field === 'reply' ? 'message message--agent is-find-current' : 'message message--agent'}>
          <div className="message-who">
            <SparkIcon /> Agent
            {turn.agent.at ? (
              <time className="muted" dateTime={turn.agent.at}>
                {formatLocalTime(turn.agent.at)}
              </time>
            ) : null}
          </div>
          <Markdown text={turn.agent.text} expand={found?.field === 'reply'} />
        </div>
      ) : null}
    </article>
  )
})
