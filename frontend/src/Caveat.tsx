// Caveat shows a record's note (why it is unconfirmed or how it was
// inferred) as text beside it, where keyboard, touch and screen-reader
// users read it too: never only as a hover tooltip.
export function Caveat({ note }: { note: string | null | undefined }) {
  if (!note) return null
  return <span className="caveat">{note}</span>
}
