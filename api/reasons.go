package api

import (
	"fmt"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// matchReasonType is MatchReason: why a candidate passed one condition of
// the filter, as data the client words in its own language.
func matchReasonType(source *graphql.Object) *graphql.Object {
	rec := func(v any) thelist.ReasonRecord { return v.(thelist.ReasonRecord) }
	record := graphql.NewObject(graphql.ObjectConfig{
		Name:        "ReasonRecord",
		Description: "A record behind a reason: a degree, a job (stint), a paper or a move, with its sources.",
		Fields: graphql.Fields{
			"kind": {Type: graphql.NewNonNull(graphql.String), Description: "degree, stint, paper or move.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return rec(p.Source).Kind, nil }},
			"id": {Type: graphql.NewNonNull(graphql.ID), Resolve: func(p graphql.ResolveParams) (any, error) { return rec(p.Source).ID, nil }},
			"labId": {Type: graphql.ID, Description: "The lab of a degree or job; where a move went.",
				Resolve: optionalString(func(v any) string { return rec(v).LabID })},
			"labName": {Type: graphql.String, Resolve: optionalString(func(v any) string { return rec(v).LabName })},
			"label": {Type: graphql.String, Description: "A degree's field, a job's role, a paper's title.",
				Resolve: optionalString(func(v any) string { return rec(v).Label })},
			"start": {Type: graphql.String, Description: "A job's or degree's start, a move's date, a paper's year.",
				Resolve: optionalDate(func(v any) thelist.Date { return rec(v).Start })},
			"end": {Type: graphql.String, Resolve: optionalDate(func(v any) thelist.Date { return rec(v).End })},
			"breakthrough": {Type: graphql.NewNonNull(graphql.Boolean), Description: "A paper a cited source calls a breakthrough.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return rec(p.Source).Breakthrough, nil }},
			"citations": {Type: graphql.Float, Description: "A paper's citations, when reported.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if n := rec(p.Source).Citations; n != nil {
						return float64(*n), nil
					}
					return nil, nil
				}},
			"sources": {Type: list(source), Resolve: func(p graphql.ResolveParams) (any, error) { return nonNilSources(rec(p.Source).Sources), nil }},
		},
	})
	r := func(v any) thelist.MatchReason { return v.(thelist.MatchReason) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "MatchReason",
		Description: "Why a person passed one condition of the filter, as data: which condition, the records that " +
			"meet it (with their sources) and the numbers it tests.",
		Fields: graphql.Fields{
			"condition": {Type: graphql.NewNonNull(graphql.String), Description: "aiPhd, topLab, breakthrough, atLeast, " +
				"workedAt, currentlyAt, neverAt, notCurrentlyAt, movedSince, tenure, minCitations, topics or roleKeywords.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return r(p.Source).Condition, nil }},
			"records": {Type: list(record), Resolve: func(p graphql.ResolveParams) (any, error) {
				return nonNil(r(p.Source).Records), nil
			}},
			"count": {Type: graphql.Float, Description: "The number tested: credentials met (atLeast), citations " +
				"(minCitations), days at the current lab (tenure).",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if n := r(p.Source).Count; n != nil {
						return float64(*n), nil
					}
					return nil, nil
				}},
			"asked": {Type: graphql.String, Description: "The value asked for, as given; for roleKeywords, which jobs were read: " +
				"current (the jobs that hold on asOf) or anyJob.",
				Resolve: optionalString(func(v any) string { return r(v).Asked })},
			"values": {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String))),
				Description: "Credentials met (atLeast), topics matched, the labs of neverAt and notCurrentlyAt, the keywords of roleKeywords matched.",
				Resolve:     func(p graphql.ResolveParams) (any, error) { return nonNil(r(p.Source).Values), nil }},
			"asOf": {Type: graphql.String, Description: "The day the condition was read on; null for today.",
				Resolve: optionalDate(func(v any) thelist.Date { return r(v).AsOf })},
		},
	})
}

var credentialWords = map[string]string{
	thelist.CredentialAIPhD: "AI PhD", thelist.CredentialTopLab: "top lab", thelist.CredentialBreakthrough: "breakthrough",
}

// reasonsInWords words each reason as one English line, the matched field
// kept for clients that show text; the web app words the reasons itself.
func reasonsInWords(reasons []thelist.MatchReason) []string {
	out := make([]string, 0, len(reasons))
	for _, r := range reasons {
		if w := reasonWords(r); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// reasonWords is one reason in English: the credentials, the labs, and the
// rest of the filter each have their wording (below); "" for a condition
// with no words.
func reasonWords(r thelist.MatchReason) string {
	switch r.Condition {
	case thelist.ReasonAIPhD, thelist.ReasonTopLab, thelist.ReasonBreakthrough, thelist.ReasonAtLeast:
		return credentialReasonWords(r)
	case thelist.ReasonWorkedAt, thelist.ReasonCurrentlyAt, thelist.ReasonNeverAt, thelist.ReasonNotCurrentlyAt,
		thelist.ReasonMovedSince, thelist.ReasonTenure:
		return labReasonWords(r)
	}
	return otherReasonWords(r)
}

// firstRecord is the reason's first record, the one its words name.
func firstRecord(r thelist.MatchReason) (thelist.ReasonRecord, bool) {
	if len(r.Records) == 0 {
		return thelist.ReasonRecord{}, false
	}
	return r.Records[0], true
}

// asOfWords says the day a reason was read on, when not today.
func asOfWords(r thelist.MatchReason) string {
	if r.AsOf.IsZero() {
		return ""
	}
	return ", as of " + r.AsOf.String()
}

func credentialReasonWords(r thelist.MatchReason) string {
	rec, ok := firstRecord(r)
	switch r.Condition {
	case thelist.ReasonAIPhD:
		if ok {
			s := "PhD in " + rec.Label
			if rec.LabName != "" {
				s += " at " + rec.LabName
			}
			if !rec.End.IsZero() {
				s += " (" + rec.End.String() + ")"
			}
			return "AI PhD: " + s
		}
	case thelist.ReasonTopLab:
		if ok {
			return "top lab: " + stintWords(rec)
		}
	case thelist.ReasonBreakthrough:
		if ok {
			s := rec.Label
			if !rec.Start.IsZero() {
				s += " (" + rec.Start.String() + ")"
			}
			switch {
			case rec.Breakthrough:
				s += ", called a breakthrough"
			case rec.Citations != nil:
				s += fmt.Sprintf(", %d citations (bar %d)", *rec.Citations, thelist.Credentials.CitationBar)
			}
			return "breakthrough: " + s
		}
	case thelist.ReasonAtLeast:
		var names []string
		for _, v := range r.Values {
			names = append(names, credentialWords[v])
		}
		return fmt.Sprintf("meets %d of 3 credentials (at least %s asked): %s", len(names), r.Asked, strings.Join(names, ", "))
	}
	return ""
}

func labReasonWords(r thelist.MatchReason) string {
	rec, ok := firstRecord(r)
	switch r.Condition {
	case thelist.ReasonWorkedAt, thelist.ReasonCurrentlyAt:
		var labs []string
		seen := map[string]bool{}
		for _, s := range r.Records {
			name := s.LabName
			if r.Condition == thelist.ReasonCurrentlyAt && !s.Start.IsZero() {
				name += " since " + s.Start.String()
			}
			if !seen[name] {
				seen[name] = true
				labs = append(labs, name)
			}
		}
		if r.Condition == thelist.ReasonWorkedAt {
			return "worked at " + strings.Join(labs, ", ")
		}
		return "currently at " + strings.Join(labs, ", ") + asOfWords(r)
	case thelist.ReasonNeverAt:
		return "never at " + strings.Join(r.Values, ", ")
	case thelist.ReasonNotCurrentlyAt:
		s := "not currently at " + strings.Join(r.Values, ", ") + asOfWords(r)
		if ok {
			s += "; was at " + stintWords(rec)
		}
		return s
	case thelist.ReasonMovedSince:
		if ok {
			when := rec.Start.String()
			if when == "" {
				when = "an unreported date"
			}
			return fmt.Sprintf("moved to %s in %s (since %s)", rec.LabName, when, r.Asked)
		}
	case thelist.ReasonTenure:
		if ok && r.Count != nil {
			since := ""
			if !rec.Start.IsZero() {
				since = "since " + rec.Start.String()
			}
			return fmt.Sprintf("%.1f years at %s (%s%s)", float64(*r.Count)/365.25, rec.LabName, since, asOfWords(r))
		}
	}
	return ""
}

func otherReasonWords(r thelist.MatchReason) string {
	switch r.Condition {
	case thelist.ReasonMinCitations:
		if r.Count != nil {
			return fmt.Sprintf("%d citations (at least %s asked)", *r.Count, r.Asked)
		}
	case thelist.ReasonTopics:
		return "papers on " + strings.Join(r.Values, ", ")
	case thelist.ReasonRoleKeywords:
		scope := "current role"
		if r.Asked == thelist.RoleScopeAnyJob {
			scope = "role held"
		}
		s := scope + " matches " + strings.Join(r.Values, ", ")
		if job, ok := firstRecord(r); ok {
			s += ": " + stintWords(job)
		}
		return s + asOfWords(r)
	}
	return ""
}

func stintWords(s thelist.ReasonRecord) string {
	out := s.LabName
	if s.Label != "" {
		out += ", " + s.Label
	}
	if !s.Start.IsZero() || !s.End.IsZero() {
		out += " (" + s.Start.String() + "–" + s.End.String() + ")"
	}
	return out
}
