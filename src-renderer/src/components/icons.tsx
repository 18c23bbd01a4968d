// Small stroke icons (16px, currentColor), drawn inline so the strict CSP needs nothing extra.
import type { ReactNode } from 'react'

function Icon({ children, size = 16, className }: { children: ReactNode; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  )
}

type P = { size?: number; className?: string }

export const ChevronIcon = (p: P) => (
  <Icon {...p}>
    <path d="M6 4l4 4-4 4" />
  </Icon>
)
export const StoreIcon = (p: P) => (
  <Icon {...p}>
    <ellipse cx="8" cy="4" rx="5" ry="2" />
    <path d="M3 4v8c0 1.1 2.2 2 5 2s5-.9 5-2V4" />
    <path d="M3 8c0 1.1 2.2 2 5 2s5-.9 5-2" />
  </Icon>
)
export const FolderIcon = (p: P) => (
  <Icon {...p}>
    <path d="M2 4.5A1.5 1.5 0 0 1 3.5 3h2.8l1.4 1.5h4.8A1.5 1.5 0 0 1 14 6v5.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5z" />
  </Icon>
)
export const InboxIcon = (p: P) => (
  <Icon {...p}>
    <path d="M2 9l2-5.5h8L14 9v3.5a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z" />
    <path d="M2 9h3.5l1 1.5h3l1-1.5H14" />
  </Icon>
)
export const ChatIcon = (p: P) => (
  <Icon {...p}>
    <path d="M3 3.5h10a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H7l-3 2.5v-2.5H3a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1z" />
  </Icon>
)
export const WarningIcon = (p: P) => (
  <Icon {...p}>
    <path d="M8 2.5l6 11H2z" />
    <path d="M8 6.5v3M8 11.5v.01" />
  </Icon>
)
export const TrashIcon = (p: P) => (
  <Icon {...p}>
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4" />
  </Icon>
)
export const ArchiveIcon = (p: P) => (
  <Icon {...p}>
    <rect x="2" y="2.5" width="12" height="3" rx="0.8" />
    <path d="M3 5.5v7a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1v-7M6.5 8.5h3" />
  </Icon>
)
export const UnarchiveIcon = (p: P) => (
  <Icon {...p}>
    <rect x="2" y="2.5" width="12" height="3" rx="0.8" />
    <path d="M3 5.5v7a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1v-7M8 12V8M6.3 9.6L8 7.9l1.7 1.7" />
  </Icon>
)
export const MoveIcon = (p: P) => (
  <Icon {...p}>
    <path d="M2 4.5A1.5 1.5 0 0 1 3.5 3h2.8l1.4 1.5h4.8A1.5 1.5 0 0 1 14 6v5.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5z" />
    <path d="M6 8.7h4M8.6 7.2l1.5 1.5-1.5 1.5" />
  </Icon>
)
export const RestoreIcon = (p: P) => (
  <Icon {...p}>
    <path d="M3 8a5 5 0 1 0 1.5-3.5M3 2.5v2.5h2.5" />
  </Icon>
)
export const PruneIcon = (p: P) => (
  <Icon {...p}>
    <circle cx="4.5" cy="4.5" r="2" />
    <circle cx="4.5" cy="11.5" r="2" />
    <path d="M6.2 5.6L14 12M6.2 10.4L14 4" />
  </Icon>
)
export const OpenFolderIcon = (p: P) => (
  <Icon {...p}>
    <path d="M2 12V4.5A1.5 1.5 0 0 1 3.5 3h2.8l1.4 1.5h4A1.3 1.3 0 0 1 13 5.8V7" />
    <path d="M2 12l1.8-4.2A1 1 0 0 1 4.7 7H14l-2 5z" />
  </Icon>
)
export const SearchIcon = (p: P) => (
  <Icon {...p}>
    <circle cx="7" cy="7" r="4.2" />
    <path d="M10.2 10.2L13.5 13.5" />
  </Icon>
)
export const CloseIcon = (p: P) => (
  <Icon {...p}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Icon>
)
export const CopyIcon = (p: P) => (
  <Icon {...p}>
    <rect x="5" y="5" width="8.5" height="8.5" rx="1.2" />
    <path d="M3 10.5V3.5A1 1 0 0 1 4 2.5h6.5" />
  </Icon>
)
export const RevealIcon = (p: P) => (
  <Icon {...p}>
    <path d="M9 2.5h4.5V7M13.5 2.5L8 8M11.5 9.5v3a1 1 0 0 1-1 1h-7a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1h3" />
  </Icon>
)
export const KeyboardIcon = (p: P) => (
  <Icon {...p}>
    <rect x="1.5" y="4" width="13" height="8" rx="1.2" />
    <path d="M4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M5 9.5h6" />
  </Icon>
)
export const ToolIcon = (p: P) => (
  <Icon {...p}>
    <path d="M10.5 2.5a3 3 0 0 0-2.8 4.1L2.8 11.5a1.2 1.2 0 0 0 1.7 1.7l4.9-4.9a3 3 0 0 0 4.1-2.8l-1.8 1.8-1.8-.5-.5-1.8z" />
  </Icon>
)
export const UserIcon = (p: P) => (
  <Icon {...p}>
    <circle cx="8" cy="5.5" r="2.5" />
    <path d="M3 13.5c.6-2.5 2.6-4 5-4s4.4 1.5 5 4" />
  </Icon>
)
export const SparkIcon = (p: P) => (
  <Icon {...p}>
    <path d="M8 2l1.4 3.6L13 7l-3.6 1.4L8 12l-1.4-3.6L3 7l3.6-1.4z" />
  </Icon>
)

export const FunnelIcon = (p: P) => (
  <Icon {...p}>
    <path d="M2.5 3.5h11l-4.25 5v4l-2.5 1.25V8.5z" />
  </Icon>
)
