// The shapes several features share, named after the fragments and fields
// they come from (generated.ts). A feature's own shapes live in its api.ts.

import type { GetPersonQuery, LabRefFieldsFragment, OfferFieldsFragment, SourceFieldsFragment } from './generated.ts'

export type Source = SourceFieldsFragment
export type Offer = OfferFieldsFragment
// LabRef is a lab as pages link to it; topLab marks the top-lab list.
export type LabRef = LabRefFieldsFragment
// Lab is a lab as a job or a degree names it.
export type Lab = NonNullable<GetPersonQuery['person']>['stints'][number]['lab']
// PersonRef is a person as another record names them.
export type PersonRef = { id: string; name: string; nativeName: string | null }
