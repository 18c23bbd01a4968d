// The open session's header: title, format, project, model, status, times, tokens and cost, the
// file (Copy, Reveal in folder) and the links to a parent or sub-agent session.
import { useCallback, useEffect, useState } from 'react'
import type { SessionDetail, SessionSummary } from '../../../src-shared/model'
import { formatBytes, formatCost, formatLocalTime } from '../../../src-shared/display'
import { lastActivityOf } from '../../../src-shared/session-order'
import { useApp } from '../app-context'
import { openSessionInTree } from '../commands'
import { useNow } from '../hooks/use-now'
import { modelsText, plural, projectName, relativeTime, sessionTitle, tokensText } from '../state/format'
import { findSession } from '../state/sessions'
import { sessionRowId } from '../state/tree'
import type { SessionRef } from '../../../src-shared/contract'
import { useSessionsStore } from '../stores/sessions-store'
import { useUiStore } from '../stores/ui-store'
import { CopyIcon, RevealIcon } from './icons'
import { ltr } from './TreeRow'

/** The name a listed session of the open store goes by in a link: its title, else its id. */
export function useSessionNamer(storeId: string | undefined): (id: string) => { name: string; listed: boolean } {
  const data = useSessionsStore((s) => s.data)
  return useCallback(
    (id: string) => {
      const found = data && storeId ? findSession(data.stores, data.sessions, { storeId, id }) : undefined
      return found ? { name: sessionTitle(found), listed: true } : { name: id, listed: false }
    },
    [data, storeId],
  )
}

/**
 * Opens a linked session (a sub-agent, a parent) and moves the keyboard focus to its tree row:
 * the link that was clicked goes away with the session that showed it.
 */
export function openLinked(ref: SessionRef): void {
  openSessionInTree(ref)
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>(`.tree [data-row-id="${CSS.escape(sessionRowId(ref.storeId, ref.id))}"]`)?.focus(),
  )
}

/** What the Project field says: a Claude Code project by the working directory it stands for. */
function projectField(session: SessionSummary, byPath: boolean): string {
  if (byPath && session.project !== null && session.projectPath) return session.projectPath
  return projectName(session.project)
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

export function Header({ session, detail, live }: { session: SessionSummary; detail: SessionDetail | null; live: boolean }) {
  const { client, actions } = useApp()
  const storeId = useUiStore((s) => s.openSession?.storeId)
  const nameOf = useSessionNamer(storeId)
  const store = useSessionsStore((s) => s.data?.stores.find((candidate) => candidate.id === storeId))
  const now = useNow(5000)
  const fields: Array<[string, string]> = []
  fields.push(['Project', projectField(session, store?.namesProjectsByPath === true)])
  const models = modelsText(session.model, detail?.models)
  if (models) fields.push([(detail?.models?.length ?? 0) > 1 ? 'Models' : 'Model', models])
  if (session.status) fields.push(['Status', session.status])
  if (session.agent) fields.push(['Agent', session.agent])
  if (session.branch) fields.push(['Branch', session.branch])
  fields.push(['Created', formatLocalTime(session.createdAt)])
  const lastActivity = lastActivityOf(session)
  fields.push(['Last activity', `${formatLocalTime(lastActivity)} (${relativeTime(lastActivity, now)})`])
  if (session.updatedAt !== lastActivity) fields.push(['Updated', formatLocalTime(session.updatedAt)])
  if (session.tokens) fields.push(['Tokens', tokensText(session.tokens)])
  if (session.costUsd !== null) fields.push(['Cost', formatCost(session.costUsd)])
  fields.push(['Size', formatBytes(session.bytes)])
  return (
    <header className="session-head">
      <div className="session-title-row">
        <h1 className="session-title">{sessionTitle(session)}</h1>
      </div>
      <div className="session-chips">
        <span className="chip">{store?.label ?? session.format}</span>
        {live ? <span className="badge badge--live">live</span> : null}
        {session.archived ? <span className="badge badge--muted">archived</span> : null}
        <span className="muted">
          {plural(session.turns, 'turn')} · {plural(session.steps, 'tool call')}
          {session.errors > 0 ? ' · ' : ''}
        </span>
        {session.errors > 0 ? <span className="badge badge--error">{plural(session.errors, 'error')}</span> : null}
        {detail?.skippedLines ? (
          <span className="muted skipped-note" title="Lines of the log that could not be read were left out">
            <span aria-hidden="true">· </span>
            {plural(detail.skippedLines, 'unreadable line')} skipped
          </span>
        ) : null}
      </div>
      {session.parentId !== null && storeId && nameOf(session.parentId).listed ? (
        <p className="sub-agent-of">
          Sub-agent of{' '}
          <button
            type="button"
            className="link-button"
            aria-label={`Open parent session ${nameOf(session.parentId).name}`}
            onClick={() => session.parentId !== null && openLinked({ storeId, id: session.parentId })}
          >
            {nameOf(session.parentId).name}
          </button>
        </p>
      ) : null}
      <dl className="session-fields">
        {fields.map(([name, value]) => (
          <div key={name} className={name === 'Tokens' ? 'session-field session-field--wide' : 'session-field'}>
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
