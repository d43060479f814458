package thelist

import "slices"

// AssembleChains fills in a person's recruitments from the chains of
// RECRUITED relationships the store found up to them (each ending with a
// recruitment of the person) and down from them (each starting with one by
// the person), given as lists of relationship ids, and the relationships by
// id: who recruited them and whom they recruited, in date order, and the
// chains no longer chain contains, ordered by their first hop.
func (n *RecruitmentNetwork) AssembleChains(up, down [][]string, edges map[string]RecruitmentEdge) {
	n.RecruitedBy = directEdges(up, edges, func(p []string) string { return p[len(p)-1] })
	n.Recruited = directEdges(down, edges, func(p []string) string { return p[0] })
	n.ChainsUp = chains(maximal(up, hasSuffix), edges)
	n.ChainsDown = chains(maximal(down, hasPrefix), edges)
}

// directEdges are the one-hop paths' edges, in date order.
func directEdges(paths [][]string, edges map[string]RecruitmentEdge, hop func([]string) string) []RecruitmentEdge {
	out := []RecruitmentEdge{}
	for _, p := range paths {
		if len(p) == 1 {
			out = append(out, edges[hop(p)])
		}
	}
	sortEdges(out)
	return out
}

func sortEdges(es []RecruitmentEdge) {
	slices.SortStableFunc(es, func(a, b RecruitmentEdge) int {
		// Undated edges come last, then by date and id.
		switch {
		case a.Date.IsZero() != b.Date.IsZero():
			if a.Date.IsZero() {
				return 1
			}
			return -1
		case !a.Date.Time.Equal(b.Date.Time):
			return a.Date.Time.Compare(b.Date.Time)
		}
		if a.ID < b.ID {
			return -1
		} else if a.ID > b.ID {
			return 1
		}
		return 0
	})
}

func hasPrefix(long, short []string) bool { return slices.Equal(long[:len(short)], short) }
func hasSuffix(long, short []string) bool { return slices.Equal(long[len(long)-len(short):], short) }

// maximal keeps the paths that no longer path extends: chains down grow at
// their end (extends = hasPrefix), chains up at their start (hasSuffix).
// Sub-chains would repeat what the longer chain already shows.
func maximal(paths [][]string, extends func(long, short []string) bool) [][]string {
	var out [][]string
	for i, p := range paths {
		covered := false
		for j, q := range paths {
			if i != j && len(q) > len(p) && extends(q, p) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, p)
		}
	}
	return out
}

// chains turns paths of edge ids into chains, ordered by their first hop's
// date, then by length and edge ids, so the answer is stable.
func chains(paths [][]string, edges map[string]RecruitmentEdge) []RecruitmentChain {
	out := make([]RecruitmentChain, 0, len(paths))
	for _, p := range paths {
		c := RecruitmentChain{Hops: make([]RecruitmentEdge, len(p))}
		for i, id := range p {
			c.Hops[i] = edges[id]
		}
		out = append(out, c)
	}
	key := func(c RecruitmentChain) []RecruitmentEdge { return c.Hops }
	slices.SortStableFunc(out, func(a, b RecruitmentChain) int {
		ha, hb := key(a), key(b)
		for i := 0; i < len(ha) && i < len(hb); i++ {
			pair := []RecruitmentEdge{ha[i], hb[i]}
			sortEdges(pair)
			if pair[0].ID != pair[1].ID {
				if pair[0].ID == ha[i].ID {
					return -1
				}
				return 1
			}
		}
		return len(ha) - len(hb)
	})
	return out
}
