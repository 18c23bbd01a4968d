// Markdown for messages: no raw HTML (react-markdown escapes it), links open in the system
// browser through the client, long text collapsed behind "Show more".
import { useState } from 'react'
import ReactMarkdown, { type Components } from 'react-markdown'
import { useApp } from '../app-context'

const LONG_CHARS = 1400
const LONG_LINES = 22

export function Markdown({ text, collapsible = true }: { text: string; collapsible?: boolean }) {
  const { client } = useApp()
  const [expanded, setExpanded] = useState(false)
  const long = collapsible && (text.length > LONG_CHARS || text.split('\n').length > LONG_LINES)
  const components: Components = {
    a: ({ href, children }) => (
      <a
        href={href}
        onClick={(event) => {
          event.preventDefault()
          if (href && /^https?:\/\//i.test(href)) void client.openExternal(href)
        }}
        title={href}
      >
        {children}
      </a>
    ),
    img: ({ alt }) => <span className="md-img">[image: {alt}]</span>,
  }
  return (
    <div className={long && !expanded ? 'markdown is-collapsed' : 'markdown'}>
      <div className="markdown-body">
        <ReactMarkdown skipHtml components={components}>
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
