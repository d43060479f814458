import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

// ConfirmDelete is a shortlist's delete button, which asks before it
// deletes: the question and its two answers replace the button in place,
// focus goes to Cancel (the safe answer), and Cancel gives focus back to
// the button. onDelete runs only on "Yes".
export function ConfirmDelete({ name, text, label, onDelete }: { name: string; text: string; label?: string; onDelete: () => void }) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  const [cancelled, setCancelled] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (asking) cancel.current?.focus()
    else if (cancelled) button.current?.focus()
  }, [asking, cancelled])

  if (!asking) {
    return (
      <button ref={button} type="button" aria-label={label} onClick={() => setAsking(true)}>
        {text}
      </button>
    )
  }
  return (
    <span className="confirm" role="group" aria-label={label ?? text}>
      {t('shortlists.confirmDelete', { name })}{' '}
      <button
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false)
          onDelete()
        }}
      >
        {t('shortlists.deleteConfirmed')}
      </button>
      <button
        ref={cancel}
        type="button"
        onClick={() => {
          setCancelled(true)
          setAsking(false)
        }}
      >
        {t('shortlists.cancel')}
      </button>
    </span>
  )
}
