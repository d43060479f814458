// fieldNoteProps are a form control's accessibility attributes for the
// notes under it (FieldNotes.tsx draws them): aria-describedby names the
// hint's and the error's ids, so a screen reader reads them with the
// field, and aria-invalid marks an error.
export function fieldNoteProps(id: string, hint?: string, error?: string) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined }
}
