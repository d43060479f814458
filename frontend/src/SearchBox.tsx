import { useEffect, useRef, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { messageFor } from './graphql/client.ts'
import type { SearchState } from './useSearch.ts'

interface BoxProps {
  // name prefixes the ids of the input (name-input) and status (name-status).
  name: string
  label: string
  placeholder: string
  text: string
  setText: (s: string) => void
  onSubmit: (e: FormEvent) => void
  state: SearchState<unknown>
  retry: () => void
  // status is the line a screen reader hears after each search.
  status: string
}

// SearchBox is the form, the live status line and the error of a useSearch
// page; the input takes the focus when the page opens.
export function SearchBox({ name, label, placeholder, text, setText, onSubmit, state, retry, status }: BoxProps) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    input.current?.focus()
  }, [])
  return (
    <>
      <form role="search" onSubmit={onSubmit}>
        <label htmlFor={`${name}-input`}>{label}</label>
        <input
          id={`${name}-input`}
          ref={input}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${name}-status`}
        />
      </form>
      <p id={`${name}-status`} className="status" role="status" aria-live="polite">
        {status}
      </p>
      {state.status === 'error' && (
        <div className="error" role="alert">
          <p>{messageFor(state.code, state.detail)}</p>
          <button type="button" onClick={retry}>
            {t('common.tryAgain')}
          </button>
        </div>
      )}
    </>
  )
}
