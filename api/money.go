package api

import (
	"context"

	"github.com/graphql-go/graphql"

	"github.com/thelist/thelist"
)

// MoneyStore reads company deals and investments with amount filters.
type MoneyStore interface {
	Deals(ctx context.Context, f thelist.DealFilter) ([]thelist.Deal, error)
	Investments(ctx context.Context, f thelist.InvestmentFilter) ([]thelist.InvestmentView, error)
}

// moneyQueries are deals and investments: money is data, filtered by
// amount like offers(where: {minTotal}).
func moneyQueries(store Store, t *types) graphql.Fields {
	deal := dealType(t)
	dealWhere, investmentWhere := moneyWhere()
	first := &graphql.ArgumentConfig{Type: graphql.Int, DefaultValue: 20, Description: "At most this many, at most 100."}
	return graphql.Fields{
		"deals": {
			Type:        list(deal),
			Description: "Company deals (purchases, licence-and-hire deals, acqui-hires, stakes), largest amount first.",
			Args:        graphql.FieldConfigArgument{"where": {Type: dealWhere}, "first": first},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				w, _ := p.Args["where"].(map[string]any) // absent means every deal
				f := thelist.DealFilter{First: p.Args["first"].(int), MinAmount: amountOf(w, "minAmount"),
					MaxAmount: amountOf(w, "maxAmount")}
				f.Kind, _ = w["kind"].(string)
				f.LabID, _ = w["lab"].(string)
				f.PersonID, _ = w["person"].(string)
				f.Currency, _ = w["currency"].(string)
				var err error
				if f.From, err = dateArg(w, "since"); err == nil {
					f.To, err = dateArg(w, "until")
				}
				if err != nil {
					return nil, clientError(p.Context, err)
				}
				deals, err := store.Deals(p.Context, f)
				if err != nil {
					return nil, clientError(p.Context, err)
				}
				return deals, nil
			},
		},
		"investments": {
			Type:        list(t.investment),
			Description: "Investments in labs, by people or labs, largest amount first.",
			Args:        graphql.FieldConfigArgument{"where": {Type: investmentWhere}, "first": first},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				w, _ := p.Args["where"].(map[string]any) // absent means every investment
				f := thelist.InvestmentFilter{First: p.Args["first"].(int), MinAmount: amountOf(w, "minAmount"),
					MaxAmount: amountOf(w, "maxAmount")}
				f.LabID, _ = w["lab"].(string)
				f.PersonID, _ = w["person"].(string)
				f.Currency, _ = w["currency"].(string)
				got, err := store.Investments(p.Context, f)
				if err != nil {
					return nil, clientError(p.Context, err)
				}
				return got, nil
			},
		},
		"currentRule": {
			Type:    graphql.NewNonNull(currentRuleType()),
			Resolve: func(p graphql.ResolveParams) (any, error) { return thelist.Current, nil },
		},
	}
}

// dealType is Deal: the declared fields (thelist.DealFields) and, by hand,
// the labs and people its references name.
func dealType(t *types) *graphql.Object {
	d := func(v any) thelist.Deal { return v.(thelist.Deal) }
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "Deal",
		Description: "A company deal: a lab buys, licenses or invests in another, often bringing its people " +
			"(Google's 2012 purchase of DNNresearch brought its three founders).",
		// The declared fields (thelist.DealFields) and, by hand, the labs
		// and people its references name.
		Fields: withFields(declaredFields(thelist.DealFields, t.source), graphql.Fields{
			"buyer":  {Type: graphql.NewNonNull(t.lab), Resolve: func(p graphql.ResolveParams) (any, error) { return d(p.Source).Buyer, nil }},
			"target": {Type: graphql.NewNonNull(t.lab), Resolve: func(p graphql.ResolveParams) (any, error) { return d(p.Source).Target, nil }},
			"people": {Type: list(t.person), Description: "The people the deal brought to the buyer.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return nonNil(d(p.Source).People), nil }},
		}),
	})
}

// moneyWhere are the filters of deals and investments.
func moneyWhere() (dealWhere, investmentWhere *graphql.InputObject) {
	amount := func(name string) *graphql.InputObjectFieldConfig {
		return &graphql.InputObjectFieldConfig{Type: graphql.Float, Description: name + ", in the record's own currency."}
	}
	dealWhere = graphql.NewInputObject(graphql.InputObjectConfig{
		Name: "DealWhere",
		Fields: graphql.InputObjectConfigFieldMap{
			"kind":      {Type: graphql.String, Description: "acquisition, licence-and-hire, acqui-hire or investment."},
			"lab":       {Type: graphql.ID, Description: "The buyer or the target."},
			"person":    {Type: graphql.ID, Description: "Among the people the deal brought."},
			"minAmount": amount("Amount at least this"),
			"maxAmount": amount("Amount at most this"),
			"currency":  {Type: graphql.String, Description: "ISO 4217 code."},
			"since":     {Type: graphql.String, Description: "Dated on or after (YYYY, YYYY-MM or YYYY-MM-DD); undated deals are left out."},
			"until":     {Type: graphql.String, Description: "Dated within or before this period."},
		},
	})
	investmentWhere = graphql.NewInputObject(graphql.InputObjectConfig{
		Name: "InvestmentWhere",
		Fields: graphql.InputObjectConfigFieldMap{
			"lab":       {Type: graphql.ID, Description: "The lab invested in, or the investing lab."},
			"person":    {Type: graphql.ID, Description: "The investing person."},
			"minAmount": amount("Amount at least this"),
			"maxAmount": amount("Amount at most this"),
			"currency":  {Type: graphql.String, Description: "ISO 4217 code."},
		},
	})
	return dealWhere, investmentWhere
}

// currentRuleType is CurrentRule, the rule for current as data.
func currentRuleType() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        "CurrentRule",
		Description: "The rule for 'current': when a job counts as held on a day. Every view that says where someone is uses it.",
		Fields: graphql.Fields{
			"version": {Type: graphql.NewNonNull(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(thelist.CurrentRule).Version, nil }},
			"recencyMonths": {Type: graphql.NewNonNull(graphql.Int),
				Description: "How long after its latest confirmation (start or lastSeen) an open job still counts.",
				Resolve:     func(p graphql.ResolveParams) (any, error) { return p.Source.(thelist.CurrentRule).RecencyMonths, nil }},
			"rule": {Type: graphql.NewNonNull(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) { return thelist.CurrentRuleText, nil }},
		},
	})
}

// amountOf reads an amount argument (a Float, as GraphQL has no 64-bit
// integer) as whole currency units; nil when absent.
func amountOf(w map[string]any, name string) *int64 {
	if v, ok := w[name].(float64); ok {
		n := int64(v)
		return &n
	}
	return nil
}
