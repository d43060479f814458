package importer

import (
	"strings"
	"testing"
)

// Headers of the files in field tests: every column of each kind.
const (
	sourcesHeader      = "id,publisher,title,date,url,language,note"
	labsHeader         = "id,name,kind,country,parent_id,top_lab,aliases,founded,sources"
	peopleHeader       = "id,name,native_name,aliases,orcid,openalex,dblp,google_scholar,sources"
	papersHeader       = "id,title,year,venue,doi,arxiv,citations,citations_date,breakthrough,topics,sources"
	authorshipsHeader  = "person_id,paper_id,position,sources"
	degreesHeader      = "id,person_id,lab_id,degree,field,start,end,completed,advisor_id,sources"
	stintsHeader       = "id,person_id,lab_id,role,founder,start,end,confidence,note,sources"
	offersHeader       = "id,lab_id,person_id,extended_by_id,total_value,first_year_value,currency,years,date,status,confidence,note,sources"
	movesHeader        = "id,person_id,from_lab_id,to_lab_id,date,recruiter_id,offer_id,confidence,note,sources"
	recruitmentsHeader = "id,recruiter_id,recruit_id,to_lab_id,date,confidence,note,sources"
	investmentsHeader  = "id,investor_person_id,investor_lab_id,lab_id,date,round,amount,currency,sources"
	membershipsHeader  = "person_id,group_id,start,end,confidence,note,sources"
)

// csvFile is a bundle of one CSV file: header and rows, one a line.
func csvFile(name, header string, rows ...string) map[string]string {
	return map[string]string{name: header + "\n" + strings.Join(rows, "\n") + "\n"}
}

type problemCase struct {
	name  string
	files map[string]string
	want  []string
}

// runProblemCases imports each case's bundle against a database that holds
// every id it is asked about, so only the problem under test is reported.
func runProblemCases(t *testing.T, tests []problemCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := importProblems(t, &fakeStore{knowAll: true}, tt.files)
			assertProblems(t, got, tt.want)
		})
	}
}

func TestImport_ReportsBadFieldValues(t *testing.T) {
	runProblemCases(t, []problemCase{
		// Enums.
		{"unknown lab kind", csvFile("labs.csv", labsHeader, "lab-a,Lab A,lab,,,,,,src"),
			[]string{`labs.csv:2: kind: unknown value "lab" (want one of company, university, institute, startup, investor, media)`}},
		{"enum in the wrong case", csvFile("labs.csv", labsHeader, "lab-a,Lab A,Company,,,,,,src"),
			[]string{`labs.csv:2: kind: unknown value "Company" (want one of company, university, institute, startup, investor, media)`}},
		{"unknown degree", csvFile("degrees.csv", degreesHeader, "d,ann,uw,doctorate,,,,,,src"),
			[]string{`degrees.csv:2: degree: unknown value "doctorate" (want one of phd, masters, bachelors, other)`}},
		{"unknown offer status", csvFile("offers.csv", offersHeader, "o,meta,ann,,,,,,,pending,,,src"),
			[]string{`offers.csv:2: status: unknown value "pending" (want one of accepted, declined, countered, unknown)`}},
		{"unknown confidence", csvFile("stints.csv", stintsHeader, "s,ann,meta,,,,,likely,,src"),
			[]string{`stints.csv:2: confidence: unknown value "likely" (want one of reported, inferred, unconfirmed)`}},

		// Booleans.
		{"yes for a boolean", csvFile("labs.csv", labsHeader, "lab-a,Lab A,company,,,yes,,,src"),
			[]string{`labs.csv:2: top_lab: want true or false, got "yes"`}},
		{"1 for a boolean", csvFile("stints.csv", stintsHeader, "s,ann,meta,,1,,,,,src"),
			[]string{`stints.csv:2: founder: want true or false, got "1"`}},
		{"TRUE for a boolean", csvFile("papers.csv", papersHeader, "p,Title,,,,,,,TRUE,,src"),
			[]string{`papers.csv:2: breakthrough: want true or false, got "TRUE"`}},
		{"bad optional boolean", csvFile("degrees.csv", degreesHeader, "d,ann,uw,phd,,,,no,,src"),
			[]string{`degrees.csv:2: completed: want true or false, got "no"`}},

		// Numbers.
		{"negative count", csvFile("papers.csv", papersHeader, "p,Title,,,,,-5,,,,src"),
			[]string{`papers.csv:2: citations: want a whole number of 0 or more without separators, got "-5"`}},
		{"count with thousands separators", csvFile("papers.csv", papersHeader, `p,Title,,,,,"173,000",,,,src`),
			[]string{`papers.csv:2: citations: want a whole number of 0 or more without separators, got "173,000"`}},
		{"count with underscores", csvFile("offers.csv", offersHeader, "o,meta,ann,,250_000_000,,USD,,,,,,src"),
			[]string{`offers.csv:2: total_value: want a whole number of 0 or more without separators, got "250_000_000"`}},
		{"count in exponent form", csvFile("investments.csv", investmentsHeader, "i,ann,,meta,,,2e9,USD,src"),
			[]string{`investments.csv:2: amount: want a whole number of 0 or more without separators, got "2e9"`}},
		{"count with a unit", csvFile("offers.csv", offersHeader, "o,meta,ann,,,100M,USD,,,,,,src"),
			[]string{`offers.csv:2: first_year_value: want a whole number of 0 or more without separators, got "100M"`}},
		{"zero position", csvFile("authorships.csv", authorshipsHeader, "ann,p,0,src"),
			[]string{`authorships.csv:2: position: want a whole number of 1 or more, got "0"`}},
		{"position in words", csvFile("authorships.csv", authorshipsHeader, "ann,p,first,src"),
			[]string{`authorships.csv:2: position: want a whole number of 1 or more, got "first"`}},
		{"negative years", csvFile("offers.csv", offersHeader, "o,meta,ann,,,,,-4,,,,,src"),
			[]string{`offers.csv:2: years: want a whole number of 1 or more, got "-4"`}},
		{"two-digit year", csvFile("papers.csv", papersHeader, "p,Title,17,,,,,,,,src"),
			[]string{`papers.csv:2: year: want a year from 1000 to 2100, got "17"`}},
		{"year with a month", csvFile("papers.csv", papersHeader, "p,Title,2017-06,,,,,,,,src"),
			[]string{`papers.csv:2: year: want a year from 1000 to 2100, got "2017-06"`}},
		{"year 999", csvFile("papers.csv", papersHeader, "p,Title,999,,,,,,,,src"),
			[]string{`papers.csv:2: year: want a year from 1000 to 2100, got "999"`}},

		// Patterns.
		{"short ORCID", csvFile("people.csv", peopleHeader, "ann,Ann,,,0000-0002-1825-009,,,,src"),
			[]string{`people.csv:2: orcid: want an ORCID iD such as 0000-0002-1825-0097, got "0000-0002-1825-009"`}},
		{"ORCID as a URL", csvFile("people.csv", peopleHeader, "ann,Ann,,,https://orcid.org/0000-0002-1825-0097,,,,src"),
			[]string{`people.csv:2: orcid: want an ORCID iD such as 0000-0002-1825-0097, got "https://orcid.org/0000-0002-1825-0097"`}},
		{"OpenAlex work id", csvFile("people.csv", peopleHeader, "ann,Ann,,,,W2741809807,,,src"),
			[]string{`people.csv:2: openalex: want an OpenAlex author id such as A5023888391, got "W2741809807"`}},
		{"lower-case OpenAlex id", csvFile("people.csv", peopleHeader, "ann,Ann,,,,a5023888391,,,src"),
			[]string{`people.csv:2: openalex: want an OpenAlex author id such as A5023888391, got "a5023888391"`}},
		{"DOI with its resolver", csvFile("papers.csv", papersHeader, "p,Title,,,https://doi.org/10.1145/3065386,,,,,,src"),
			[]string{`papers.csv:2: doi: want a DOI such as 10.1145/3065386, without https://doi.org/, got "https://doi.org/10.1145/3065386"`}},
		{"lower-case currency", csvFile("offers.csv", offersHeader, "o,meta,ann,,100,,usd,,,,,,src"),
			[]string{`offers.csv:2: currency: want an ISO 4217 code such as USD, got "usd"`}},
		{"currency symbol", csvFile("investments.csv", investmentsHeader, "i,ann,,meta,,,100,$,src"),
			[]string{`investments.csv:2: currency: want an ISO 4217 code such as USD, got "$"`}},
		{"three-letter country", csvFile("labs.csv", labsHeader, "lab-a,Lab A,company,USA,,,,,src"),
			[]string{`labs.csv:2: country: want an ISO 3166-1 alpha-2 code such as US, got "USA"`}},
		{"lower-case country", csvFile("labs.csv", labsHeader, "lab-a,Lab A,company,us,,,,,src"),
			[]string{`labs.csv:2: country: want an ISO 3166-1 alpha-2 code such as US, got "us"`}},
		{"language name", csvFile("sources.csv", sourcesHeader, "s,NYT,Title,,,English,"),
			[]string{`sources.csv:2: language: want a BCP 47 language tag such as en or zh-Hant, got "English"`}},
		{"upper-case language", csvFile("sources.csv", sourcesHeader, "s,NYT,Title,,,EN,"),
			[]string{`sources.csv:2: language: want a BCP 47 language tag such as en or zh-Hant, got "EN"`}},
		{"ftp url", csvFile("sources.csv", sourcesHeader, "s,NYT,Title,,ftp://example.com/a,,"),
			[]string{`sources.csv:2: url: want an http(s) URL, got "ftp://example.com/a"`}},
		{"javascript url", csvFile("sources.csv", sourcesHeader, "s,NYT,Title,,javascript:alert(1),,"),
			[]string{`sources.csv:2: url: want an http(s) URL, got "javascript:alert(1)"`}},
		{"url without a scheme", csvFile("sources.csv", sourcesHeader, "s,NYT,Title,,www.nytimes.com/x,,"),
			[]string{`sources.csv:2: url: want an http(s) URL, got "www.nytimes.com/x"`}},

		// Dates.
		{"month 13", csvFile("stints.csv", stintsHeader, "s,ann,meta,,,2023-13,,,,src"),
			[]string{`stints.csv:2: start: want YYYY, YYYY-MM or YYYY-MM-DD, got "2023-13"`}},
		{"two-digit year date", csvFile("sources.csv", sourcesHeader, "s,NYT,Title,23-11,,,"),
			[]string{`sources.csv:2: date: want YYYY, YYYY-MM or YYYY-MM-DD, got "23-11"`}},
		{"February 30", csvFile("stints.csv", stintsHeader, "s,ann,meta,,,2023,2024-02-30,,,src"),
			[]string{`stints.csv:2: end: want YYYY, YYYY-MM or YYYY-MM-DD, got "2024-02-30"`}},
		{"day first", csvFile("labs.csv", labsHeader, "lab-a,Lab A,company,,,,,07/11/2023,src"),
			[]string{`labs.csv:2: founded: want YYYY, YYYY-MM or YYYY-MM-DD, got "07/11/2023"`}},
	})
}

func TestImport_ReportsEndBeforeStart(t *testing.T) {
	runProblemCases(t, []problemCase{
		{"years", csvFile("stints.csv", stintsHeader, "s,ann,meta,,,2024,2023,,,src"),
			[]string{"stints.csv:2: end: 2023 is before start 2024"}},
		{"months", csvFile("stints.csv", stintsHeader, "s,ann,meta,,,2023-11,2023-01,,,src"),
			[]string{"stints.csv:2: end: 2023-01 is before start 2023-11"}},
		{"days", csvFile("stints.csv", stintsHeader, "s,ann,meta,,,2023-11-07,2023-11-06,,,src"),
			[]string{"stints.csv:2: end: 2023-11-06 is before start 2023-11-07"}},
		{"a year before a day", csvFile("stints.csv", stintsHeader, "s,ann,meta,,,2023-11-07,2022,,,src"),
			[]string{"stints.csv:2: end: 2022 is before start 2023-11-07"}},
		{"a month before a year", csvFile("stints.csv", stintsHeader, "s,ann,meta,,,2023,2022-12,,,src"),
			[]string{"stints.csv:2: end: 2022-12 is before start 2023"}},
		{"a day before a month", csvFile("stints.csv", stintsHeader, "s,ann,meta,,,2023-11,2023-10-31,,,src"),
			[]string{"stints.csv:2: end: 2023-10-31 is before start 2023-11"}},
		{"degree", csvFile("degrees.csv", degreesHeader, "d,ann,uw,phd,,2016,2012,,,src"),
			[]string{"degrees.csv:2: end: 2012 is before start 2016"}},
		{"membership", csvFile("memberships.csv", membershipsHeader, "ann,chat,2025-06,2025-05,,,src"),
			[]string{"memberships.csv:2: end: 2025-05 is before start 2025-06"}},
	})
}

func TestImport_AcceptsEndWithinTheStartPeriod(t *testing.T) {
	// An end reported less precisely than the start may share its period:
	// "ended in 2023" is consistent with "started in November 2023".
	for _, tt := range []struct{ start, end string }{
		{"2023-11", "2023"},
		{"2023-11-07", "2023-11"},
		{"2023-11-07", "2023"},
		{"2023-11-07", "2023-11-07"},
		{"2023", "2023-01"},
		{"2023", "2023-01-01"},
		{"2023", "2023"},
		{"", "2023"},
		{"2023", ""},
	} {
		t.Run(tt.start+" to "+tt.end, func(t *testing.T) {
			store := &fakeStore{knowAll: true}
			importValid(t, store, csvFile("stints.csv", stintsHeader, "s,ann,meta,,,"+tt.start+","+tt.end+",,,src"), Options{})
			got := store.written().Stints
			if len(got) != 1 || got[0].Start.String() != tt.start || got[0].End.String() != tt.end {
				t.Errorf("stints written: got %s, want one from %q to %q", show(got), tt.start, tt.end)
			}
		})
	}
}

func TestImport_ReportsInconsistentRecords(t *testing.T) {
	runProblemCases(t, []problemCase{
		{"first-year value above the total", csvFile("offers.csv", offersHeader, "o,meta,ann,,100000000,120000000,USD,,,,,,src"),
			[]string{"offers.csv:2: first_year_value: 120000000 is above total_value 100000000"}},
		{"total value without a currency", csvFile("offers.csv", offersHeader, "o,meta,ann,,100000000,,,,,,,,src"),
			[]string{"offers.csv:2: currency: missing: an amount needs its currency"}},
		{"first-year value without a currency", csvFile("offers.csv", offersHeader, "o,meta,ann,,,100,,,,,,,src"),
			[]string{"offers.csv:2: currency: missing: an amount needs its currency"}},
		{"investment amount without a currency", csvFile("investments.csv", investmentsHeader, "i,ann,,meta,,,100,,src"),
			[]string{"investments.csv:2: currency: missing: an amount needs its currency"}},
		{"investor person and lab", csvFile("investments.csv", investmentsHeader, "i,ann,a16z,meta,,,,,src"),
			[]string{"investments.csv:2: investor_person_id: give exactly one of investor_person_id and investor_lab_id"}},
		{"no investor", csvFile("investments.csv", investmentsHeader, "i,,,meta,,,,,src"),
			[]string{"investments.csv:2: investor_person_id: give exactly one of investor_person_id and investor_lab_id"}},
		{"self-advising", csvFile("degrees.csv", degreesHeader, "d,ann,uw,phd,,,,,ann,src"),
			[]string{"degrees.csv:2: advisor_id: a person cannot advise themselves"}},
		{"recruiting oneself in a move", csvFile("moves.csv", movesHeader, "m,ann,uw,meta,,ann,,,,src"),
			[]string{"moves.csv:2: recruiter_id: a person cannot recruit themselves"}},
		{"recruiting oneself", csvFile("recruitments.csv", recruitmentsHeader, "r,ann,ann,meta,,,,src"),
			[]string{"recruitments.csv:2: recruit_id: a person cannot recruit themselves"}},
		{"move to the same lab", csvFile("moves.csv", movesHeader, "m,ann,meta,meta,,,,,,src"),
			[]string{"moves.csv:2: to_lab_id: a move must go to another lab than it comes from"}},
		{"lab its own parent", csvFile("labs.csv", labsHeader, "meta,Meta,company,,meta,,,,src"),
			[]string{"labs.csv:2: parent_id: a lab cannot be its own parent"}},
	})
}

func TestImport_ReportsBadIDs(t *testing.T) {
	long := strings.Repeat("a", 201)
	runProblemCases(t, []problemCase{
		{"missing id", csvFile("people.csv", peopleHeader, "ann,Ann,,,,,,,src", ",Nobody,,,,,,,src"),
			[]string{"people.csv:3: id: missing"}},
		{"upper-case id", csvFile("people.csv", peopleHeader, "Ann,Ann,,,,,,,src"),
			[]string{`people.csv:2: id: "Ann" is not a valid id (lowercase letters, digits, '.', '_', '-'; at most 128)`}},
		{"id starting with a dash", csvFile("labs.csv", labsHeader, "-lab,Lab,company,,,,,,src"),
			[]string{`labs.csv:2: id: "-lab" is not a valid id (lowercase letters, digits, '.', '_', '-'; at most 128)`}},
		{"id with a space", csvFile("sources.csv", sourcesHeader, "nyt 2025,NYT,Title,,,,"),
			[]string{`sources.csv:2: id: "nyt 2025" is not a valid id (lowercase letters, digits, '.', '_', '-'; at most 128)`}},
		{"id of 201 characters", csvFile("sources.csv", sourcesHeader, long+",NYT,Title,,,,"),
			[]string{`sources.csv:2: id: 201 bytes, more than the 128 allowed: "` + long[:80] + `"… (201 bytes)`}},
		{"reference that is not an id", csvFile("stints.csv", stintsHeader, "s,Ann Lee,meta,,,,,,,src"),
			[]string{`stints.csv:2: person_id: "Ann Lee" is not a valid id`}},
		{"parent that is not an id", csvFile("labs.csv", labsHeader, "msl,MSL,company,,Meta,,,,src"),
			[]string{`labs.csv:2: parent_id: "Meta" is not a valid id`}},
		{"source that is not an id", csvFile("people.csv", peopleHeader, "ann,Ann,,,,,,,src-a;NYT"),
			[]string{`people.csv:2: sources: "NYT" is not a valid id`}},
		{"only a source that is not an id", csvFile("people.csv", peopleHeader, "ann,Ann,,,,,,,NYT"),
			[]string{`people.csv:2: sources: "NYT" is not a valid id`}},
		{"sources without an id", csvFile("people.csv", peopleHeader, "ann,Ann,,,,,,,;;"),
			[]string{`people.csv:2: sources: no source id in ";;"`}},
	})
}
