// The notes under one form control: a hint and an error, each with an id
// that the control names in aria-describedby, so a screen reader reads
// them with the field. Every form in the app (the candidates' filters, the
// record editor) draws its notes with this and gives the control
// fieldNoteProps (describedBy.ts), so the ids always agree.

export function FieldNotes({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </>
  )
}
