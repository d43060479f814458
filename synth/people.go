package synth

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/thelist/thelist"
)

// stint is one job of the person being generated.
type stint struct {
	lab        int32
	start, end month
	current    bool   // the end is not written: the job goes on
	startDate  string // start as written, which the move into it repeats
}

var (
	aiFields    = []string{"machine learning", "computer vision", "natural language processing", "artificial intelligence", "robotics", "reinforcement learning"}
	otherFields = []string{"physics", "mathematics", "statistics", "electrical engineering", "neuroscience", "economics", "computer science"}
	venues      = []string{"NeurIPS", "ICML", "ICLR", "CVPR", "ICCV", "ACL", "EMNLP", "AAAI", "JMLR", "TPAMI", "Nature", "arXiv"}
	topics      = []string{"transformers", "computer vision", "reinforcement learning", "language models", "robotics", "optimization", "speech", "generative models", "interpretability", "alignment", "graph neural networks", "multimodal learning"}
	nouns       = []string{"Networks", "Transformers", "Attention", "Agents", "Embeddings", "Diffusion", "Priors", "Policies", "Representations"}
	roles       = map[string][]string{
		thelist.LabCompany:    {"research scientist", "research engineer", "member of technical staff", "software engineer", "research director", "chief scientist"},
		thelist.LabUniversity: {"postdoctoral researcher", "assistant professor", "professor", "associate professor", "research fellow"},
		thelist.LabStartup:    {"founding engineer", "member of technical staff", "head of research", "research engineer"},
		thelist.LabInstitute:  {"researcher", "senior researcher", "research director"},
		thelist.LabInvestor:   {"partner", "venture partner", "principal"},
		thelist.LabMedia:      {"reporter", "editor"},
	}
	// roleWeight makes the first roles of each list the common ones.
	roleWeight = []float64{40, 25, 15, 10, 6, 4}
)

// person generates person i and everything that hangs off them, and writes
// it all at once.
func (g *gen) person(i int) {
	pid := personID(i)
	var name, native string
	if g.conference() {
		name, native = conferenceName(g)
	} else {
		name, native = personName(g.rng)
	}
	aliases, dblp := "", ""
	if native == "" && g.rng.Float64() < 0.05 && name[0] < utf8.RuneSelf {
		first, last, _ := strings.Cut(name, " ")
		aliases = first[:1] + ". " + last
	}
	if g.rng.Float64() < 0.25 {
		dblp = "synthetic/" + pid
	}
	g.out.write(thelist.KindPeople, pid, name, native, aliases, dblp, SourceID)

	// Careers begin from 1995 to 2025, more of them recently.
	start := ym(1995+int(31*math.Sqrt(g.rng.Float64())), 1+g.rng.IntN(12))
	if g.conference() && g.rng.Float64() < confNoInstitution {
		g.stints = g.stints[:0]
		g.orphanPapers(i)
		return
	}
	edu := g.degree(i, pid, start)
	g.career(start)
	g.writeCareer(i, pid)
	g.papers(i)
	g.memberships(pid, start)

	if edu >= 0 {
		g.join(edu, i, false)
	}
	for _, s := range g.stints {
		g.join(s.lab, i, true)
	}
}

// degree writes the degree, if any, that person i finished (or left) when
// their career began, and returns its lab or -1.
func (g *gen) degree(i int, pid string, career month) int32 {
	var kind, field string
	var dur int
	switch r := g.rng.Float64(); {
	case r < 0.30:
		kind, dur = thelist.DegreePhD, 48+g.rng.IntN(25)
	case r < 0.50:
		kind, dur = thelist.DegreeMasters, 12+g.rng.IntN(13)
	case r < 0.60:
		kind, dur = thelist.DegreeBachelors, 36+g.rng.IntN(13)
	default:
		return -1
	}
	if kind == thelist.DegreeBachelors || g.rng.Float64() < 0.4 {
		field = otherFields[g.rng.IntN(len(otherFields))]
	} else {
		field = aiFields[g.rng.IntN(len(aiFields))]
	}
	j := g.eduIdx[g.pick(g.eduCum)]
	if g.conference() {
		j = g.spelled(j)
	}
	end := career
	begin := end - month(dur)
	completed := "true"
	if g.rng.Float64() < 0.1 {
		completed = "false"
		end = begin + month(6+g.rng.IntN(dur/2))
	} else if g.rng.Float64() < 0.05 {
		completed = "" // not reported
	}
	endDate := g.date(end)
	if g.rng.Float64() < 0.1 {
		endDate = ""
	}
	advisor := ""
	if kind == thelist.DegreePhD && g.rng.Float64() < 0.6 {
		// Advisors are the university's seniors, the first ones most often.
		if a := g.recruiter(j); a >= 0 && int(a) != i {
			advisor = personID(int(a))
		}
	}
	g.out.write(thelist.KindDegrees, pad("syn-degree-", i+1, 7), pid, labID(int(j)), kind, field,
		g.date(begin), endDate, completed, advisor, SourceID)
	return j
}

// stintCount weighs careers of 1 to 6 jobs.
var stintCount = []float64{30, 24, 18, 13, 9, 6}

// career fills g.stints with the jobs of a career beginning at start, in
// date order, each at another lab than the one before.
func (g *gen) career(start month) {
	g.stints = g.stints[:0]
	n := 1 + g.pickWeighted(stintCount)
	prev := int32(-1)
	for t, k := start, 0; k < n && t <= now; k++ {
		j := g.pickLab(prev, t.year())
		if g.conference() {
			// Another spelling of the lab just left would be no move: keep
			// the lab's own name then (it differs from that spelling).
			if v := g.spelled(j); v != prev {
				j = v
			}
		}
		end := t + month(6+int(g.rng.ExpFloat64()*30))
		s := stint{lab: j, start: t, end: end, startDate: g.date(t)}
		if end > now || (k == n-1 && g.rng.Float64() < 0.75) {
			s.current = true
			g.stints = append(g.stints, s)
			break
		}
		g.stints = append(g.stints, s)
		if g.rng.Float64() < 0.3 {
			end += month(1 + g.rng.IntN(8))
		}
		t, prev = end, j
	}
}

// pickLab draws a lab by size that is not prev and existed in year.
func (g *gen) pickLab(prev int32, year int) int32 {
	for range 8 {
		j := int32(g.pick(g.labCum))
		if j != prev && g.labs[j].founded <= year {
			return j
		}
	}
	n := len(g.labs)
	j0 := g.rng.IntN(n)
	for d := range n {
		j := int32((j0 + d) % n)
		if j != prev && g.labs[j].founded <= year {
			return j
		}
	}
	return int32((int(prev) + 1) % n) // every lab is younger: take any other
}

// writeCareer writes the stints of person i and a move for each change of
// lab, with the recruitments and offers some moves come with.
func (g *gen) writeCareer(i int, pid string) {
	for k, s := range g.stints {
		l := &g.labs[s.lab]
		list := roles[l.kind]
		role := list[g.pickWeighted(roleWeight[:len(list)])]
		founder := ""
		if l.kind == thelist.LabStartup && abs(s.start.year()-l.founded) <= 1 && g.rng.Float64() < 0.5 {
			role, founder = "co-founder", "true"
		}
		end := ""
		if !s.current {
			end = g.date(s.end)
		}
		confidence, note := "", ""
		if g.rng.Float64() < 0.04 {
			confidence, note = thelist.ConfidenceInferred, "synthetic: inferred from an invented profile"
		}
		sid := pad("syn-stint-", i+1, 7) + "." + itoa(k+1)
		g.out.write(thelist.KindStints, sid, pid, labID(int(s.lab)), role, founder, s.startDate, end, confidence, note, SourceID)
		if k > 0 {
			g.move(i, pid, k, g.stints[k-1].lab, s)
		}
	}
}

// move writes person i's move into stint s, from lab from.
func (g *gen) move(i int, pid string, k int, from int32, s stint) {
	g.nMoves++
	to := labID(int(s.lab))
	recruiter := ""
	if g.rng.Float64() < 0.15 {
		if r := g.recruiter(s.lab); r >= 0 && int(r) != i {
			recruiter = personID(int(r))
			g.nRecs++
			confidence, note := "", ""
			if g.rng.Float64() < 0.3 {
				confidence, note = thelist.ConfidenceInferred, "synthetic: inferred from the move and the recruiter's role"
			}
			g.out.write(thelist.KindRecruitments, pad("syn-recruitment-", g.nRecs, 7), recruiter, pid, to,
				s.startDate, confidence, note, SourceID)
		}
	}
	offer := ""
	if g.rng.Float64() < 0.01 {
		offer = g.offer(pid, s.lab, recruiter, s.start, thelist.OfferAccepted)
	}
	if g.rng.Float64() < 0.003 {
		// An offer from another lab, turned down for this move.
		status := []string{thelist.OfferDeclined, thelist.OfferCountered, thelist.OfferUnknown}[g.pickWeighted([]float64{6, 2, 2})]
		g.offer(pid, g.pickLab(s.lab, s.start.year()), "", s.start, status)
	}
	g.out.write(thelist.KindMoves, pad("syn-move-", i+1, 7)+"."+itoa(k), pid, labID(int(from)), to,
		s.startDate, recruiter, offer, SourceID)
}

// offer writes an offer made to pid by lab j shortly before month m and
// returns its id. Packages are log-normal around a few million dollars, with
// a few in the hundreds of millions and none above 1.5 billion.
func (g *gen) offer(pid string, j int32, extendedBy string, m month, status string) string {
	g.nOffers++
	id := pad("syn-offer-", g.nOffers, 6)
	total := math.Exp(math.Log(5e6) + 1.2*g.rng.NormFloat64())
	if g.rng.Float64() < 0.03 {
		total *= 50
	}
	total = min(total, 1.5e9)
	totalValue := int64(total) / 1000 * 1000
	firstYear := int64(float64(totalValue)*(0.25+0.35*g.rng.Float64())) / 1000 * 1000
	g.out.write(thelist.KindOffers, id, labID(int(j)), pid, extendedBy, itoa(int(totalValue)), itoa(int(firstYear)),
		"USD", "4", g.date(m-month(g.rng.IntN(3))), status, SourceID)
	return id
}

// papers writes the papers person i leads, heavy-tailed in number, each
// with co-authors from the lab where it was written.
func (g *gen) papers(i int) {
	skip, alpha, limit := 0.45, 1.4, 400
	if g.conference() {
		skip, alpha, limit = confNoPapers, confPaperAlpha, confPaperLimit
	}
	if len(g.stints) == 0 || g.rng.Float64() < skip {
		return
	}
	n := g.pareto(alpha, limit)
	for range n {
		s := g.stints[g.rng.IntN(len(g.stints))]
		last := now.year()
		if !s.current {
			last = s.end.year()
		}
		year := s.start.year() + g.rng.IntN(last-s.start.year()+1)
		authors := append(g.seen[:0], int32(i))
		for range g.pickWeighted([]float64{15, 25, 25, 18, 10, 7}) {
			if c := g.colleague(s.lab); c >= 0 && !slices.Contains(authors, c) {
				authors = append(authors, c)
			}
		}
		if len(authors) > 1 && g.rng.Float64() < 0.3 {
			// The person is the senior, last author.
			authors[0], authors[len(authors)-1] = authors[len(authors)-1], authors[0]
		}
		g.seen = authors
		g.writePaper(year, authors)
	}
}

func (g *gen) writePaper(year int, authors []int32) {
	g.nPapers++
	id := pad("syn-paper-", g.nPapers, 8)
	topic := topics[g.rng.IntN(len(topics))]
	title := word(g.rng, 2+g.rng.IntN(2)) + " " + nouns[g.rng.IntN(len(nouns))] + " for " + topic
	doi := ""
	if g.rng.Float64() < 0.3 {
		doi = "10.5555/" + id // 10.5555 is a test prefix: it resolves to nothing real
	}
	breakthrough := g.rng.Float64() < 0.005
	citations, citationsDate := "", ""
	if breakthrough || g.rng.Float64() < 0.8 {
		c := int(math.Exp(2.5 + 1.6*g.rng.NormFloat64()))
		if breakthrough {
			c = 1000 + 20*c
		}
		citations, citationsDate = itoa(c), "2026-01-15"
	}
	tops := topic
	if g.rng.Float64() < 0.4 {
		if t := topics[g.rng.IntN(len(topics))]; t != topic {
			tops += ";" + t
		}
	}
	bt := ""
	if breakthrough {
		bt = "true"
	}
	g.out.write(thelist.KindPapers, id, title, itoa(year), venues[g.rng.IntN(len(venues))], doi,
		citations, citationsDate, bt, tops, SourceID)
	for pos, a := range authors {
		g.out.write(thelist.KindAuthorships, personID(int(a)), id, itoa(pos+1), SourceID)
	}
}

// memberships puts a few people in one or two chat groups.
func (g *gen) memberships(pid string, career month) {
	if g.rng.Float64() >= 0.02 {
		return
	}
	first := g.rng.IntN(g.groups)
	ks := []int{first}
	if g.groups > 1 && g.rng.Float64() < 0.3 {
		ks = append(ks, (first+1+g.rng.IntN(g.groups-1))%g.groups)
	}
	for _, k := range ks {
		start := career + month(g.rng.IntN(int(now-career)+1))
		end := ""
		if g.rng.Float64() < 0.2 {
			end = g.date(start + month(g.rng.IntN(int(now-start)+1)))
		}
		g.out.write(thelist.KindMemberships, pid, groupID(k), g.date(start), end, SourceID)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
