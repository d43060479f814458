import { ComingSoon } from './ComingSoon.tsx'

// CandidatesPage is loaded only when its route is opened (see App.tsx).
export default function CandidatesPage() {
  return <ComingSoon section="candidates" />
}
