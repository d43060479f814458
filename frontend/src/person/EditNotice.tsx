import { useTranslation } from 'react-i18next'
import { History } from './History.tsx'
import type { RecordKind } from './records.ts'

// Done is a change an editor just made: which record, and whether it was
// saved, added or retracted.
export interface Done {
  kind: RecordKind
  id: string
  outcome: 'saved' | 'added' | 'retracted'
}

// EditNotice says a change was made and shows the record's history with
// it at once. The page reads its record again after a change, which
// redraws the forms; this notice is kept above that, and it is the one
// place a retracted record's history can still be opened.
export function EditNotice({ done }: { done: Done }) {
  const { t } = useTranslation()
  return (
    <div className="edit-done">
      <p role="status" className="status">
        {t(`edit.done.${done.outcome}`, { id: done.id })}
      </p>
      <History kind={done.kind} id={done.id} about={done.id} />
    </div>
  )
}
