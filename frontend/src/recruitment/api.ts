// Recruitment chains' operation (#/recruitment/<id>, and a section of the
// person page).

import { request } from '../graphql/client.ts'
import { RecruitmentDocument, type ChainEdgeFieldsFragment, type RecruitmentQuery } from '../graphql/generated.ts'
import type { PersonRef } from '../graphql/types.ts'

// ChainEdge is one recruitment as a chain shows it: both ends are named.
export type ChainEdge = ChainEdgeFieldsFragment

// RecruitmentChains is who recruited a person and whom they recruited.
export type RecruitmentChains = RecruitmentQuery['recruitment'] & { person: PersonRef }

// recruitmentDepths are the chain lengths the server answers (docs/api.md).
export const recruitmentDepths = [1, 2, 3, 4, 5, 6] as const
export const defaultRecruitmentDepth = 3

// getRecruitment reads who recruited a person and whom they recruited, with
// the chains up and down of at most depth hops. An unknown id is a NOT_FOUND
// ApiError, which useQuery shows as "not found".
export async function getRecruitment(id: string, depth: number, signal?: AbortSignal): Promise<RecruitmentChains> {
  const data = await request(RecruitmentDocument, { id, depth }, signal)
  const { person } = data.recruitment
  // The server answers NOT_FOUND for an unknown person rather than a null
  // person, so a null here is a broken answer.
  if (!person) throw new Error('recruitment: the answer names no person')
  return { ...data.recruitment, person }
}
