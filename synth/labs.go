package synth

import (
	"math"
	"strings"

	"github.com/thelist/thelist"
)

// lab is what generation keeps of a lab: its kind and founding year, and
// two small rosters of people who worked there, from which colleagues
// (co-authors, advisors, recruiters) are drawn.
type lab struct {
	kind    string
	founded int // year

	// seniors are the lab's first people, each rarely replaced by a later
	// one: they co-author and recruit far more than others, which gives the
	// graph its few very connected people.
	seniors  [8]int32
	nSeniors int
	// recent is a ring of the lab's latest people.
	recent  [32]int32
	nRecent int
}

// Lab kinds in the proportions generated.
var (
	labKinds      = []string{thelist.LabCompany, thelist.LabUniversity, thelist.LabStartup, thelist.LabInstitute, thelist.LabInvestor, thelist.LabMedia}
	labKindWeight = []float64{32, 28, 22, 12, 4, 2}

	countries      = []string{"", "US", "CN", "GB", "CA", "FR", "DE", "JP", "KR", "IN", "IL", "CH", "SG", "NL", "SE", "AU"}
	countryWeights = []float64{8, 42, 14, 8, 5, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1}
)

// seniorWeight makes a lab's first senior its busiest recruiter, the second
// less so, and so on: recruits per recruiter follow a power law.
var seniorWeight = func() []float64 {
	w := make([]float64, len(lab{}.seniors))
	for i := range w {
		w[i] = 1 / math.Pow(float64(i+1), 1.5)
	}
	return w
}()

// labSizeExponent shapes lab sizes: the lab of size rank r draws stints in
// proportion to 1/r^labSizeExponent (Zipf), so a few labs are very large
// and most are small.
const labSizeExponent = 1.0

// makeLabs writes labs.csv and investments.csv and keeps what careers need:
// kinds, founding years and the weights by which people join labs.
func (g *gen) makeLabs() {
	n := max(20, g.cfg.People/50)
	g.labs = make([]lab, n)
	g.labCum = make([]float64, n)
	names := make([]string, n)
	labCountries := make([]string, n)
	// Size ranks are shuffled so that a lab's id says nothing of its size.
	rank := g.rng.Perm(n)
	topCut := max(1, n/100)
	total := 0.0
	for j := range n {
		l := &g.labs[j]
		l.kind = labKinds[g.pickWeighted(labKindWeight)]
		if j == n-1 && len(g.eduIdx) == 0 {
			l.kind = thelist.LabUniversity // degrees need somewhere to be earned
		}
		if l.kind == thelist.LabStartup {
			u := g.rng.Float64()
			l.founded = 2025 - int(27*u*u)
		} else {
			l.founded = 1850 + g.rng.IntN(145)
		}
		w := 1 / math.Pow(float64(rank[j]+1), labSizeExponent)
		total += w
		g.labCum[j] = total
		switch l.kind {
		case thelist.LabUniversity, thelist.LabInstitute:
			g.eduIdx = append(g.eduIdx, int32(j))
			g.eduCum = append(g.eduCum, g.eduTotal()+w)
		case thelist.LabInvestor:
			g.invIdx = append(g.invIdx, int32(j))
		}

		name := labName(g.rng, l.kind)
		parent := ""
		// A parent always comes earlier in the file, so no lab is its own
		// ancestor.
		if j > 0 && g.rng.Float64() < 0.05 {
			p := g.rng.IntN(j)
			parent = labID(p)
			name = names[p] + " " + word(g.rng, 2) + " Lab"
		}
		names[j] = name
		top := ""
		if rank[j] < topCut || g.rng.Float64() < 0.01 {
			top = "true"
		}
		aliases := ""
		if g.rng.Float64() < 0.1 {
			aliases = initials(name)
		}
		labCountries[j] = countries[g.pickWeighted(countryWeights)]
		g.out.write(thelist.KindLabs, labID(j), name, l.kind, labCountries[j], parent, top, aliases, itoa(l.founded), SourceID)
	}
	if g.conference() {
		g.makeVariants(names, labCountries)
	}
	g.makeInvestments()
}

func (g *gen) eduTotal() float64 {
	if len(g.eduCum) == 0 {
		return 0
	}
	return g.eduCum[len(g.eduCum)-1]
}

// initials abbreviates a name: "University of Kavo" → "UOK".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		b.WriteString(strings.ToUpper(w[:1]))
	}
	return b.String()
}

var rounds = []struct {
	name     string
	min, max float64 // amount in USD
}{
	{"seed", 1e6, 1e7}, {"series-a", 1e7, 5e7}, {"series-b", 5e7, 3e8}, {"series-c", 3e8, 5e9},
}

// makeInvestments writes a few funding rounds for each startup, mostly from
// investor labs and sometimes from a person.
func (g *gen) makeInvestments() {
	n := 0
	for j := range g.labs {
		l := &g.labs[j]
		if l.kind != thelist.LabStartup {
			continue
		}
		year := l.founded
		for r := range g.pickWeighted([]float64{40, 30, 20, 10}) {
			if year > now.year() {
				break
			}
			n++
			person, investor := "", ""
			if len(g.invIdx) > 0 && g.rng.Float64() < 0.85 {
				investor = labID(int(g.invIdx[g.rng.IntN(len(g.invIdx))]))
			} else {
				person = personID(g.rng.IntN(g.cfg.People))
			}
			rd := rounds[r]
			amount := int64(rd.min+g.rng.Float64()*(rd.max-rd.min)) / 100000 * 100000
			g.out.write(thelist.KindInvestments, pad("syn-investment-", n, 6), person, investor, labID(j),
				g.date(ym(year, 1+g.rng.IntN(12))), rd.name, itoa(int(amount)), "USD", SourceID)
			year += 1 + g.rng.IntN(2)
		}
	}
}

// makeDeals writes a company deal for one startup in four: a company buys
// it or licenses its technology, after it was founded.
func (g *gen) makeDeals() {
	var companies []int
	for j := range g.labs {
		if g.labs[j].kind == thelist.LabCompany {
			companies = append(companies, j)
		}
	}
	if len(companies) == 0 {
		return
	}
	n, startups := 0, 0
	for j := range g.labs {
		l := &g.labs[j]
		if l.kind != thelist.LabStartup {
			continue
		}
		startups++
		if startups%4 != 1 {
			continue
		}
		year := min(l.founded+1+g.rng.IntN(4), now.year())
		n++
		kind := thelist.DealAcquisition
		if g.rng.Float64() < 0.3 {
			kind = thelist.DealLicenceAndHire
		}
		amount := int64(10+g.rng.IntN(2000)) * 1000000
		g.out.write(thelist.KindDeals, pad("syn-deal-", n, 6), kind, labID(companies[g.rng.IntN(len(companies))]), labID(j),
			g.date(ym(year, 1+g.rng.IntN(12))), itoa(int(amount)), "USD", SourceID)
	}
}

var platforms = []string{"Slack", "Discord", "Signal", "WeChat", "WhatsApp"}

// makeGroups writes the chat groups people may belong to.
func (g *gen) makeGroups() {
	g.groups = max(3, g.cfg.People/5000)
	for k := range g.groups {
		g.out.write(thelist.KindGroups, groupID(k), "Synthetic "+word(g.rng, 2)+" Chat",
			platforms[g.rng.IntN(len(platforms))], SourceID)
	}
}

func groupID(k int) string { return pad("syn-group-", k+1, 4) }

// join adds person i to the rosters of lab j; only people who worked there
// (not students) become seniors.
func (g *gen) join(j int32, i int, worked bool) {
	l := &g.labs[j]
	if worked {
		if l.nSeniors < len(l.seniors) {
			l.seniors[l.nSeniors] = int32(i)
			l.nSeniors++
		} else if g.rng.IntN(400) == 0 {
			l.seniors[g.rng.IntN(len(l.seniors))] = int32(i)
		}
	}
	l.recent[l.nRecent%len(l.recent)] = int32(i)
	l.nRecent++
}

// colleague draws someone from lab j's rosters, or -1 when it has none yet.
func (g *gen) colleague(j int32) int32 {
	l := &g.labs[j]
	if l.nSeniors > 0 && g.rng.Float64() < 0.35 {
		return l.seniors[g.rng.IntN(l.nSeniors)]
	}
	if l.nRecent == 0 {
		return -1
	}
	return l.recent[g.rng.IntN(min(l.nRecent, len(l.recent)))]
}

// recruiter draws one of lab j's seniors, the first ones far more often,
// or -1 when the lab has none.
func (g *gen) recruiter(j int32) int32 {
	l := &g.labs[j]
	if l.nSeniors == 0 {
		return -1
	}
	return l.seniors[g.pickWeighted(seniorWeight[:l.nSeniors])]
}
