package api

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
	"github.com/thelist/thelist/importer"
)

// MutationStore writes editors' changes and reads their history. Every
// mutation validates its record with importer.ValidateRecord, the rules an
// import applies to a row, and writes it with WriteChange, which writes it
// as WriteBundle does and logs a Change in the same transaction.
type MutationStore interface {
	importer.Store
	WriteChange(ctx context.Context, b thelist.Bundle, c thelist.Change) (thelist.Change, error)
	// RetractChange deletes the fact c names and logs c.
	RetractChange(ctx context.Context, c thelist.Change) (thelist.Change, error)
	History(ctx context.Context, kind, id string, first int, after string) ([]thelist.Change, error)
}

// inputField is one field of a mutation's input: a bundle column, named in
// camelCase (the column is its snake_case form).
type inputField struct {
	name string
	typ  graphql.Input
	desc string
}

var (
	reqID           = graphql.NewNonNull(graphql.ID)
	reqString       = graphql.NewNonNull(graphql.String)
	inputStringList = graphql.NewList(graphql.NewNonNull(graphql.String))
	sourceList      = graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.ID)))
	dateDesc        = `A date at its precision: "YYYY", "YYYY-MM" or "YYYY-MM-DD".`
)

func sourcesField() inputField {
	return inputField{"sources", sourceList, "The ids of the sources that state this record; at least one, each added before (addSource)."}
}

// mutationSpec is one upsert mutation: its field, the bundle kind it
// writes, and the input's fields, which mirror that kind's columns
// (docs/data-format.md).
type mutationSpec struct {
	field, input, kind, desc string
	fields                   []inputField
	// pair names the two columns that key a record without an id of its
	// own (an authorship); its record id is thelist.PairID of them.
	pair [2]string
}

// recordID is the id under which a change to the record in values is
// logged, and which history and retract take.
func (spec mutationSpec) recordID(values map[string]string) string {
	if spec.pair[0] != "" {
		return thelist.PairID(values[spec.pair[0]], values[spec.pair[1]])
	}
	return values["id"]
}

var mutationSpecs = []mutationSpec{
	{"addSource", "SourceInput", thelist.KindSources,
		"Adds or corrects a source. A fact can cite a source only once it exists.", inputFields(thelist.SourceFields), [2]string{}},
	{"upsertLab", "LabInput", thelist.KindLabs, "Adds or corrects a lab.", inputFields(thelist.LabFields), [2]string{}},
	{"upsertPerson", "PersonInput", thelist.KindPeople, "Adds or corrects a person.",
		inputFields(thelist.PersonFields), [2]string{}},
	{"upsertStint", "StintInput", thelist.KindStints, "Adds or corrects a job: a person's stint at a lab.",
		inputFields(thelist.StintFields), [2]string{}},
	{"upsertOffer", "OfferInput", thelist.KindOffers, "Adds or corrects a reported offer.",
		inputFields(thelist.OfferFields), [2]string{}},
	{"upsertMove", "MoveInput", thelist.KindMoves, "Adds or corrects a move from one lab to another.",
		inputFields(thelist.MoveFields), [2]string{}},
	{"upsertRecruitment", "RecruitmentInput", thelist.KindRecruitments, "Adds or corrects a recruitment: one person recruited another.",
		inputFields(thelist.RecruitmentFields), [2]string{}},
	{"upsertPaper", "PaperInput", thelist.KindPapers, "Adds or corrects a paper.", inputFields(thelist.PaperFields), [2]string{}},
	{"upsertAuthorship", "AuthorshipInput", thelist.KindAuthorships,
		"Adds or corrects an authorship: a person wrote a paper. Its record id is personId/paperId.",
		inputFields(thelist.AuthorshipFields), [2]string{"person_id", "paper_id"}},
	{"upsertDegree", "DegreeInput", thelist.KindDegrees, "Adds or corrects a degree.",
		inputFields(thelist.DegreeFields), [2]string{}},
	{"upsertInvestment", "InvestmentInput", thelist.KindInvestments, "Adds or corrects an investment in a lab, by a person or a lab.",
		inputFields(thelist.InvestmentFields), [2]string{}},
	{"upsertDeal", "DealInput", thelist.KindDeals, "Adds or corrects a company deal: a purchase, licence-and-hire, acqui-hire or stake.",
		inputFields(thelist.DealFields), [2]string{}},
	{"upsertGroup", "GroupInput", thelist.KindGroups, "Adds or corrects a group, such as a private chat.",
		inputFields(thelist.GroupFields), [2]string{}},
	{"upsertMembership", "MembershipInput", thelist.KindMemberships,
		"Adds or corrects a membership of a person in a group. Its record id is personId/groupId.",
		inputFields(thelist.MembershipFields), [2]string{"person_id", "group_id"}},
}

// column is the bundle column of a camelCase input field: topLab → top_lab.
func column(field string) string {
	var b strings.Builder
	for _, r := range field {
		if unicode.IsUpper(r) {
			b.WriteByte('_')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// columnValues writes an input as the cells of a bundle row, so that the
// importer parses it: lists joined by ";", numbers and booleans as text.
func columnValues(in map[string]any, fields []inputField) (map[string]string, error) {
	values := map[string]string{}
	for _, f := range fields {
		v, ok := in[f.name]
		if !ok || v == nil {
			continue
		}
		var s string
		switch v := v.(type) {
		case string:
			s = v
		case bool:
			s = strconv.FormatBool(v)
		case int:
			s = strconv.Itoa(v)
		case float64:
			s = strconv.FormatFloat(v, 'f', -1, 64) // a fraction is refused by the importer's rule
		case []any:
			items := make([]string, 0, len(v))
			for _, item := range v {
				text, _ := item.(string)
				// A bundle cell separates items by ";", so an item holding
				// one would silently become two.
				if strings.Contains(text, ";") {
					return nil, thelist.Errorf(thelist.EINVALID, "%s: %q: an item may not contain \";\"", f.name, text)
				}
				items = append(items, text)
			}
			s = strings.Join(items, ";")
		}
		values[column(f.name)] = strings.TrimSpace(s)
	}
	return values, nil
}

// mutationGroup is every mutation: one upsert per record kind and addSource.
func mutationGroup(store Store, t *types) graphql.Fields {
	fields := graphql.Fields{}
	for _, spec := range mutationSpecs {
		in := graphql.InputObjectConfigFieldMap{}
		for _, f := range spec.fields {
			in[f.name] = &graphql.InputObjectFieldConfig{Type: f.typ, Description: f.desc}
		}
		in["reason"] = &graphql.InputObjectFieldConfig{Type: graphql.String, Description: "Why the change was made, for its history."}
		input := graphql.NewInputObject(graphql.InputObjectConfig{Name: spec.input, Fields: in,
			Description: "The columns of a " + spec.kind + " row (docs/data-format.md) in camelCase, and the reason for the change. " +
				"The record is written whole: a field left out is cleared."})
		fields[spec.field] = &graphql.Field{
			Type:        graphql.NewNonNull(t.change),
			Description: spec.desc + " Needs an editor's key; returns the Change it logged.",
			Args:        graphql.FieldConfigArgument{"input": {Type: graphql.NewNonNull(input)}},
			Resolve:     upsertResolver(store, spec),
		}
	}
	fields["retract"] = &graphql.Field{
		Type: graphql.NewNonNull(t.change),
		Description: "Deletes a fact that was wrong: a stint, degree, move, offer, recruitment, investment, authorship " +
			"(id personId/paperId) or membership (id personId/groupId), with the links it owns. Its history keeps it: " +
			"the Change's before is the fact, its after is null. People, labs, papers, sources and groups are " +
			"corrected, not retracted. Needs an editor's key.",
		Args: graphql.FieldConfigArgument{
			"kind":   {Type: reqString, Description: "The fact's bundle kind, e.g. stints."},
			"id":     {Type: reqID},
			"reason": {Type: reqString, Description: "Why the fact is retracted: a retraction must say why."},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			ctx := p.Context
			if err := requireRole(ctx, RoleEditor); err != nil {
				return nil, err
			}
			reason := strings.TrimSpace(p.Args["reason"].(string))
			if reason == "" {
				return nil, newGQLError(thelist.EINVALID, "reason: say why the fact is retracted")
			}
			who := PrincipalFrom(ctx)
			change, err := store.RetractChange(ctx, thelist.Change{
				Who: who.Name, Role: who.Role.String(), Mutation: "retract",
				RecordKind: p.Args["kind"].(string), RecordID: p.Args["id"].(string), Reason: reason,
			})
			if err != nil {
				return nil, clientError(ctx, err)
			}
			return change, nil
		},
	}
	return fields
}

func upsertResolver(store Store, spec mutationSpec) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (any, error) {
		ctx := p.Context
		// The HTTP layer refuses a mutation without an editor's key; this
		// guards any other way in (a test's schema, a future transport).
		if err := requireRole(ctx, RoleEditor); err != nil {
			return nil, err
		}
		in, _ := p.Args["input"].(map[string]any)
		values, err := columnValues(in, spec.fields)
		if err != nil {
			return nil, clientError(ctx, err)
		}
		b, err := importer.ValidateRecord(ctx, store, spec.kind, values)
		if err != nil {
			return nil, clientError(ctx, err)
		}
		reason, _ := in["reason"].(string)
		who := PrincipalFrom(ctx)
		change, err := store.WriteChange(ctx, b, thelist.Change{
			Who: who.Name, Role: who.Role.String(), Mutation: spec.field,
			RecordKind: spec.kind, RecordID: spec.recordID(values), Reason: strings.TrimSpace(reason),
		})
		if err != nil {
			return nil, clientError(ctx, err)
		}
		return change, nil
	}
}

// historyQueries is history: the changes editors made to one record.
func historyQueries(store Store, t *types) graphql.Fields {
	return graphql.Fields{
		"history": {
			Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t.change))),
			Description: "The changes editors made to a record, newest first, retractions included. kind is the record's " +
				"bundle kind (docs/data-format.md); an authorship's id is personId/paperId, a membership's personId/groupId. " +
				"Imports are not listed (they are import runs).",
			Args: graphql.FieldConfigArgument{
				"kind":  {Type: reqString},
				"id":    {Type: reqID},
				"first": {Type: graphql.Int, DefaultValue: 20, Description: "At most this many; at most 100."},
				"after": {Type: graphql.ID, Description: "The id of the last change of the previous page: the changes older than it. " +
					"An id that is not a change of this record is BAD_USER_INPUT."},
			},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				first, _ := p.Args["first"].(int)
				if first < 1 || first > thelist.MaxPageSize {
					return nil, newGQLError(thelist.EINVALID, "first: want 1 to "+strconv.Itoa(thelist.MaxPageSize))
				}
				after, _ := p.Args["after"].(string)
				changes, err := store.History(p.Context, p.Args["kind"].(string), p.Args["id"].(string), first, after)
				if err != nil {
					return nil, clientError(p.Context, err)
				}
				return changes, nil
			},
		},
	}
}

// changeType is Change: one logged edit.
func changeType() *graphql.Object {
	get := func(f func(c thelist.Change) string) graphql.FieldResolveFn {
		return optionalString(func(src any) string { return f(src.(thelist.Change)) })
	}
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "Change",
		Description: "One edit made through the API: who, when, what, and the record before and after.",
		Fields: graphql.Fields{
			"id": {Type: reqID, Resolve: get(func(c thelist.Change) string { return c.ID })},
			"at": {Type: reqString, Description: "When, as RFC 3339 in UTC.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return p.Source.(thelist.Change).At.UTC().Format(time.RFC3339Nano), nil
				}},
			"who":        {Type: reqString, Description: "The name of the editor's API key.", Resolve: get(func(c thelist.Change) string { return c.Who })},
			"role":       {Type: reqString, Resolve: get(func(c thelist.Change) string { return c.Role })},
			"mutation":   {Type: reqString, Resolve: get(func(c thelist.Change) string { return c.Mutation })},
			"recordKind": {Type: reqString, Resolve: get(func(c thelist.Change) string { return c.RecordKind })},
			"recordId":   {Type: reqID, Resolve: get(func(c thelist.Change) string { return c.RecordID })},
			"reason":     {Type: graphql.String, Resolve: get(func(c thelist.Change) string { return c.Reason })},
			"before": {Type: graphql.String, Description: "The record's stored properties before, as JSON; null when the change created it.",
				Resolve: get(func(c thelist.Change) string { return c.Before })},
			"after": {Type: graphql.String, Description: "The record's stored properties after, as JSON; null when the change retracted it.",
				Resolve: get(func(c thelist.Change) string { return c.After })},
		},
	})
}

// checkingText makes f, a mutation, check every text in its arguments
// before it resolves, against the limits the importer checks
// (thelist.CheckText): a length below Neo4j's limit on an indexed value,
// valid UTF-8, no control characters. A text is held to the limit of the
// bundle column its name maps to (personIds → person_ids, an id); an error
// names the argument by its path and quotes the value cut short.
func checkingText(f *graphql.Field) *graphql.Field {
	resolve := f.Resolve
	f.Resolve = func(p graphql.ResolveParams) (any, error) {
		if err := checkTexts("", "", p.Args); err != nil {
			return nil, clientError(p.Context, err)
		}
		return resolve(p)
	}
	return f
}

// checkTexts checks every string in v, an argument's value, named name at
// path.
func checkTexts(path, name string, v any) error {
	switch v := v.(type) {
	case string:
		col := column(name)
		if err := thelist.CheckText(col, v); err != nil {
			return thelist.Errorf(thelist.EINVALID, "%s%s", path, strings.TrimPrefix(thelist.ErrorMessage(err), col))
		}
	case []any:
		for i, item := range v {
			if err := checkTexts(fmt.Sprintf("%s[%d]", path, i), name, item); err != nil {
				return err
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			sub := k
			if path != "" {
				sub = path + "." + k
			}
			if err := checkTexts(sub, k, v[k]); err != nil {
				return err
			}
		}
	}
	return nil
}
