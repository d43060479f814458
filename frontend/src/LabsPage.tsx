import { ComingSoon } from './ComingSoon.tsx'

// LabsPage is loaded only when its route is opened (see App.tsx).
export default function LabsPage() {
  return <ComingSoon section="labs" />
}
