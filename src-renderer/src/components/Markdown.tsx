// Markdown for messages: no raw HTML (react-markdown escapes it), long text collapsed behind
// "Show more". Session text is agent output, so a link opens nothing by itself: a click, a
// middle-click or Enter asks the user first, showing the full URL (OpenLinkDialog).
import { type MouseEvent, useState } from 'react'
import ReactMarkdown, { type Components } from 'react-markdown'
import { externalLinkUrl } from '../../../src-shared/contract'
import { useUiStore } from '../stores/ui-store'

// react-markdown would blank a javascript: link; kept as written, so the confirmation can show what
// the text really holds. It never becomes an href: only externalLinkUrl's result does.
const keepUrl = (url: string) => url

const LONG_CHARS = 1400
const LONG_LINES = 22

/** `expand`: shown whole for now (the find bar's active match is in it). */
export function Markdown({ text, collapsible = true, expand = false }: { text: string; collapsible?: boolean; expand?: boolean }) {
  const [state, setExpanded] = useState(false)
  const expanded = state || expand
  const long = collapsible && (text.length > LONG_CHARS || text.split('\n').length > LONG_LINES)
  const components: Components = {
    a: ({ href, children }) => {
      const ask = (event: MouseEvent) => {
        event.preventDefault()
        useUiStore.getState().showDialog({ kind: 'open-link', href: href ?? '' })
      }
      return (
        <a
          // The element carries only an address that may open; the browser's own ways to follow it
          // (its context menu, dragging) then lead nowhere worse than the confirmed path would.
          href={externalLinkUrl(href) ?? '#'}
          onClick={ask}
          onAuxClick={(event) => {
            if (event.button === 1) ask(event)
          }}
          title={href}
        >
          {children}
        </a>
      )
    },
    img: ({ alt }) => <span className="md-img">[image: {alt}]</span>,
  }
  return (
    <div className={long && !expanded ? 'markdown is-collapsed' : 'markdown'}>
      <div className="markdown-body">
        <ReactMarkdown skipHtml components={components} urlTransform={keepUrl}>
          {text}
        </ReactMarkdown>
      </div>
      {long ? (
        <button type="button" className="link-button show-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show more'}
        </button>
      ) : null}
    </div>
  )
}
