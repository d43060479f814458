import { ComingSoon } from './ComingSoon.tsx'

// NetworkPage is loaded only when its route is opened (see App.tsx).
export default function NetworkPage() {
  return <ComingSoon section="network" />
}
