// One turn's tool calls on a time axis: bars placed by start time and sized by duration (evenly
// spaced where the format records no times), overlapping calls on separate lanes.
import { useMemo } from 'react'
import type { Step } from '../../../src-shared/model'
import { formatDuration, formatLocalTime } from '../../../src-shared/display'
import { layoutTimeline, tickLabel } from '../state/timeline'

export function stepName(step: Step): string {
  const parts = [step.tool]
  const duration = formatDuration(step.durationMs)
  if (duration) parts.push(duration)
  if (step.isError) parts.push('error')
  return parts.join(', ')
}

/** A one-line gist of a call's arguments: its command, path, pattern or first string. */
export function argsGist(args: unknown): string {
  if (args === null || args === undefined) return ''
  if (typeof args === 'string') return args
  if (typeof args !== 'object') return String(args)
  const record = args as Record<string, unknown>
  for (const key of ['command', 'cmd', 'path', 'file_path', 'pattern', 'query', 'url', 'description']) {
    const value = record[key]
    if (typeof value === 'string') return value
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(' ')
  }
  const first = Object.values(record).find((value) => typeof value === 'string')
  return typeof first === 'string' ? first : JSON.stringify(args)
}

const LANE_HEIGHT = 20

export function Timeline({
  steps,
  selected,
  onSelect,
  turnNumber,
}: {
  steps: Step[]
  selected: number | null
  onSelect(index: number): void
  turnNumber: number
}) {
  const layout = useMemo(() => layoutTimeline(steps), [steps])
  if (steps.length === 0) return null
  return (
    <div className="timeline" role="group" aria-label={`Timeline of turn ${turnNumber}`}>
      <div className="timeline-axis" aria-hidden="true">
        {layout.mode === 'time' ? (
          layout.ticks.map((tick) => (
            <span key={tick} className="timeline-tick" style={{ left: `${(tick / layout.spanMs) * 100}%` }}>
              {tickLabel(tick)}
            </span>
          ))
        ) : (
          <span className="timeline-note">No times recorded: calls in order</span>
        )}
      </div>
      <div className="timeline-lanes" style={{ height: layout.lanes * LANE_HEIGHT + 4 }}>
        {layout.mode === 'time'
          ? layout.ticks.map((tick) => (
              <span key={tick} className="timeline-grid" style={{ left: `${(tick / layout.spanMs) * 100}%` }} aria-hidden="true" />
            ))
          : null}
        {layout.bars.map((bar) => {
          const { step } = bar
          const tip = [
            step.tool,
            step.durationMs !== null ? formatDuration(step.durationMs) : null,
            bar.startMs !== null ? `starts at +${tickLabel(bar.startMs)}` : null,
            step.at ? formatLocalTime(step.at) : null,
            step.isError ? 'failed' : null,
            argsGist(step.args).slice(0, 160) || null,
          ]
            .filter(Boolean)
            .join(' · ')
          const classes = ['timeline-bar']
          if (step.isError) classes.push('is-error')
          if (selected === bar.index) classes.push('is-selected')
          if (step.output === null) classes.push('is-pending')
          return (
            <button
              type="button"
              key={step.id || bar.index}
              className={classes.join(' ')}
              style={{ left: `${bar.left * 100}%`, width: `${bar.width * 100}%`, top: bar.lane * LANE_HEIGHT + 2 }}
              aria-label={stepName(step)}
              aria-expanded={selected === bar.index}
              title={tip}
              onClick={() => onSelect(bar.index)}
            >
              {bar.width > 0.05 ? (
                <span className="timeline-bar-label" aria-hidden="true">
                  {step.tool}
                </span>
              ) : null}
            </button>
          )
        })}
      </div>
    </div>
  )
}
