import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, messageFor, setApiKey } from '../graphql/client.ts'
import { checkApiKey } from './api.ts'
import { useApiKey } from './apiKey.ts'
import './shortlists.css'

// ApiKeyControl is the sign-in of the shell: a button that opens a small
// panel where a person pastes the API key they were given. The key is
// checked with the server before it is kept, kept in this browser only, and
// forgotten on sign-out. Escape closes the panel and gives focus back to the
// button; a click outside it closes it and leaves focus where the click put
// it, as a menu does.
export function ApiKeyControl() {
  const { t } = useTranslation()
  const key = useApiKey()
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const [state, setState] = useState<'idle' | 'checking' | { code: string; detail?: string }>('idle')
  const panelId = useId()
  const control = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (open) input.current?.focus()
  }, [open, key])

  // The listeners are on the document, so Escape works wherever focus is
  // and a click anywhere outside the control counts.
  useEffect(() => {
    if (!open) return
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      e.preventDefault()
      close()
    }
    const onPointerDown = (e: PointerEvent) => {
      if (e.target instanceof Node && control.current?.contains(e.target)) return
      close({ keepFocus: true })
    }
    document.addEventListener('keydown', onKeyDown)
    document.addEventListener('pointerdown', onPointerDown)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      document.removeEventListener('pointerdown', onPointerDown)
    }
  }, [open])

  function close({ keepFocus = false } = {}) {
    setOpen(false)
    setState('idle')
    if (!keepFocus) toggle.current?.focus()
  }

  async function signIn(e: FormEvent) {
    e.preventDefault()
    const k = text.trim()
    if (!k) return
    setState('checking')
    try {
      await checkApiKey(k)
      setApiKey(k)
      setText('')
      setState('idle')
      setOpen(false)
      toggle.current?.focus()
    } catch (err) {
      setState(err instanceof ApiError ? { code: err.code, detail: err.message } : { code: 'INTERNAL' })
    }
  }

  function signOut() {
    setApiKey(null)
    close()
  }

  return (
    <div className="apikey" ref={control}>
      <button
        ref={toggle}
        type="button"
        className={key ? 'apikey-toggle signed-in' : 'apikey-toggle'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {key ? t('apiKey.signedIn') : t('apiKey.signIn')}
      </button>
      {open && (
        <div id={panelId} className="apikey-panel" role="group" aria-label={t('apiKey.title')}>
          <p>{t('apiKey.explain')}</p>
          {key ? (
            <>
              <p>{t('apiKey.keptHere')}</p>
              <button type="button" onClick={signOut}>
                {t('apiKey.signOut')}
              </button>
            </>
          ) : (
            <form onSubmit={(e) => void signIn(e)}>
              <label htmlFor={`${panelId}-key`}>{t('apiKey.label')}</label>
              <input
                ref={input}
                id={`${panelId}-key`}
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={text}
                aria-invalid={typeof state === 'object' ? true : undefined}
                aria-describedby={typeof state === 'object' ? `${panelId}-error` : undefined}
                onChange={(e) => setText(e.target.value)}
              />
              <button type="submit" disabled={!text.trim() || state === 'checking'}>
                {state === 'checking' ? t('apiKey.checking') : t('apiKey.submit')}
              </button>
              {typeof state === 'object' && (
                <p id={`${panelId}-error`} className="field-error" role="alert">
                  {state.code === 'UNAUTHENTICATED' ? t('apiKey.unknown') : messageFor(state.code, state.detail)}
                </p>
              )}
            </form>
          )}
        </div>
      )}
    </div>
  )
}
