package importer

import (
	"github.com/thelist/thelist"
)

// kindSpec describes one kind of record in a bundle: its columns and how a
// row becomes a record. docs/data-format.md documents the same columns.
type kindSpec struct {
	kind    string
	columns []column
	parse   func(c *rowCtx, b *thelist.Bundle)
}

// columnsOf are the columns of a kind declared at the root (thelist.Field).
func columnsOf(fields []thelist.Field) []column {
	out := make([]column, len(fields))
	for i, f := range fields {
		out[i] = column{f.Column, f.Required}
	}
	return out
}

// specs lists every kind, in thelist.Kinds order: a kind refers only to
// kinds before it, or to itself (a lab's parent).
var specs = []kindSpec{
	{thelist.KindSources, columnsOf(thelist.SourceFields), func(c *rowCtx, b *thelist.Bundle) {
		var s thelist.Source
		c.fill(thelist.SourceFields, &s)
		if s.OriginalID != "" && s.OriginalID == s.ID {
			c.problem("original_id", "a source cannot be a version of itself")
		}
		b.Sources = append(b.Sources, s)
	}},
	{thelist.KindLabs, columnsOf(thelist.LabFields), func(c *rowCtx, b *thelist.Bundle) {
		l := thelist.Lab{ParentID: c.str("parent_id")}
		c.fill(thelist.LabFields, &l)
		c.labParent(l.ID, l.ParentID)
		c.v.noteNewLab(l, location{file: c.file, line: c.r.line})
		c.v.history.addLab(l.ID, l.ParentID, c.v.writing)
		b.Labs = append(b.Labs, l)
	}},
	{thelist.KindPeople, columnsOf(thelist.PersonFields), func(c *rowCtx, b *thelist.Bundle) {
		var p thelist.Person
		c.fill(thelist.PersonFields, &p)
		if m, ok := c.v.resolver.matches[p.ID]; ok && c.v.writing {
			b.PersonMatches = append(b.PersonMatches, thelist.PersonMatch{ID: m.id, By: m.by, Person: p})
			return
		}
		c.v.resolvePerson(p, location{file: c.file, line: c.r.line})
		b.People = append(b.People, p)
	}},
	{thelist.KindPapers, columnsOf(thelist.PaperFields), func(c *rowCtx, b *thelist.Bundle) {
		var p thelist.Paper
		c.fill(thelist.PaperFields, &p)
		b.Papers = append(b.Papers, p)
	}},
	{thelist.KindAuthorships, columnsOf(thelist.AuthorshipFields), func(c *rowCtx, b *thelist.Bundle) {
		var a thelist.Authorship
		c.fill(thelist.AuthorshipFields, &a)
		c.key(a.PersonID+"\x00"+a.PaperID, "person_id and paper_id")
		b.Authorships = append(b.Authorships, a)
	}},
	{thelist.KindDegrees, columnsOf(thelist.DegreeFields), func(c *rowCtx, b *thelist.Bundle) {
		var d thelist.Degree
		c.fill(thelist.DegreeFields, &d)
		c.v.noteLab(d.PersonID, d.LabID)
		c.period(d.Start, d.End)
		if d.AdvisorID != "" && d.AdvisorID == d.PersonID {
			c.problem("advisor_id", "a person cannot advise themselves")
		}
		b.Degrees = append(b.Degrees, d)
	}},
	{thelist.KindStints, columnsOf(thelist.StintFields), func(c *rowCtx, b *thelist.Bundle) {
		var s thelist.Stint
		c.fill(thelist.StintFields, &s)
		c.v.noteLab(s.PersonID, s.LabID)
		c.period(s.Start, s.End)
		c.lastSeen(s)
		c.v.history.addStint(s, c.file, c.r.line, c.v.writing)
		b.Stints = append(b.Stints, s)
	}},
	{thelist.KindOffers, columnsOf(thelist.OfferFields), func(c *rowCtx, b *thelist.Bundle) {
		var o thelist.Offer
		c.fill(thelist.OfferFields, &o)
		if o.TotalValue != nil && o.FirstYearValue != nil && *o.FirstYearValue > *o.TotalValue {
			c.problem("first_year_value", "%d is above total_value %d", *o.FirstYearValue, *o.TotalValue)
		}
		if (o.TotalValue != nil || o.FirstYearValue != nil) && c.str("currency") == "" {
			c.problem("currency", "missing: an amount needs its currency")
		}
		b.Offers = append(b.Offers, o)
	}},
	{thelist.KindMoves, columnsOf(thelist.MoveFields), func(c *rowCtx, b *thelist.Bundle) {
		var m thelist.Move
		c.fill(thelist.MoveFields, &m)
		if m.FromLabID != "" && m.FromLabID == m.ToLabID {
			c.problem("to_lab_id", "a move must go to another lab than it comes from")
		}
		if m.RecruiterID != "" && m.RecruiterID == m.PersonID {
			c.problem("recruiter_id", "a person cannot recruit themselves")
		}
		c.v.history.addMove(m, c.file, c.r.line, c.v.writing)
		b.Moves = append(b.Moves, m)
	}},
	{thelist.KindRecruitments, columnsOf(thelist.RecruitmentFields), func(c *rowCtx, b *thelist.Bundle) {
		var r thelist.Recruitment
		c.fill(thelist.RecruitmentFields, &r)
		if r.RecruiterID != "" && r.RecruiterID == r.RecruitID {
			c.problem("recruit_id", "a person cannot recruit themselves")
		}
		b.Recruitments = append(b.Recruitments, r)
	}},
	{thelist.KindInvestments, columnsOf(thelist.InvestmentFields), func(c *rowCtx, b *thelist.Bundle) {
		var inv thelist.Investment
		c.fill(thelist.InvestmentFields, &inv)
		if (inv.InvestorPersonID == "") == (inv.InvestorLabID == "") {
			c.problem("investor_person_id", "give exactly one of investor_person_id and investor_lab_id")
		}
		if inv.Amount != nil && c.str("currency") == "" {
			c.problem("currency", "missing: an amount needs its currency")
		}
		b.Investments = append(b.Investments, inv)
	}},
	{thelist.KindDeals, columnsOf(thelist.DealFields), func(c *rowCtx, b *thelist.Bundle) {
		var d thelist.Deal
		c.fill(thelist.DealFields, &d)
		if d.BuyerLabID != "" && d.BuyerLabID == d.TargetLabID {
			c.problem("target_lab_id", "a lab cannot make a deal with itself")
		}
		if d.Amount != nil && c.str("currency") == "" {
			c.problem("currency", "missing: an amount needs its currency")
		}
		b.Deals = append(b.Deals, d)
	}},
	{thelist.KindGroups, columnsOf(thelist.GroupFields), func(c *rowCtx, b *thelist.Bundle) {
		var g thelist.Group
		c.fill(thelist.GroupFields, &g)
		b.Groups = append(b.Groups, g)
	}},
	{thelist.KindMemberships, columnsOf(thelist.MembershipFields), func(c *rowCtx, b *thelist.Bundle) {
		var m thelist.Membership
		c.fill(thelist.MembershipFields, &m)
		c.key(m.PersonID+"\x00"+m.GroupID, "person_id and group_id")
		c.period(m.Start, m.End)
		b.Memberships = append(b.Memberships, m)
	}},
}

// referenced lists the kinds other records refer to: only their ids are kept
// after their file is read.
var referenced = map[string]bool{
	thelist.KindSources: true, thelist.KindLabs: true, thelist.KindPeople: true,
	thelist.KindPapers: true, thelist.KindOffers: true, thelist.KindGroups: true,
}

// labels maps a referenced kind to its node label in the graph.
var labels = map[string]string{
	thelist.KindSources: "Source", thelist.KindLabs: "Lab", thelist.KindPeople: "Person",
	thelist.KindPapers: "Paper", thelist.KindOffers: "Offer", thelist.KindGroups: "Group",
}

// singular names one record of a referenced kind in messages.
var singular = map[string]string{
	thelist.KindSources: "source", thelist.KindLabs: "lab", thelist.KindPeople: "person",
	thelist.KindPapers: "paper", thelist.KindOffers: "offer", thelist.KindGroups: "group",
}
