package importer

import (
	"testing"
	"time"

	"github.com/thelist/thelist"
)

// everyKind is a valid bundle with every kind of record and every column,
// in CSV; everyKindJSONL holds the same records in JSON Lines.
const (
	everyKind      = "testdata/every-kind"
	everyKindJSONL = "testdata/every-kind-jsonl"
)

// everyKindRecords is what the records of everyKind must parse into.
func everyKindRecords(tb testing.TB) thelist.Bundle {
	tb.Helper()
	return thelist.Bundle{
		Sources: []thelist.Source{
			{ID: "nyt-2025-07-31", Publisher: "The New York Times",
				Title: "A.I. Researchers Are Negotiating $250 Million Pay Packages. Just Like N.B.A. Stars.",
				Date:  date(tb, "2025-07-31"), URL: "https://www.nytimes.com/2025/07/31/technology/ai-researchers-nba-stars.html",
				Language: "en", Note: "Paywalled."},
			{ID: "seed-nyt-zh", Publisher: "The New York Times (Chinese translation)", Title: "人工智能研究员开价2.5亿美元薪酬包",
				Date: date(tb, "2025-08"), Language: "zh-Hans"},
			{ID: "wired-2015", Publisher: "WIRED", Title: "Inside OpenAI, a plan", Date: date(tb, "2015"),
				URL: "http://www.wired.com/2015/openai"},
		},
		Labs: []thelist.Lab{
			{ID: "meta-msl", Name: "Meta Superintelligence Labs", Kind: "company", Country: "US", ParentID: "meta",
				TopLab: true, Aliases: []string{"MSL", "Superintelligence Labs"}, Founded: date(tb, "2025-06"),
				Sources: sources("nyt-2025-07-31")},
			{ID: "meta", Name: "Meta", Kind: "company", Country: "US", Aliases: []string{"Facebook"},
				Founded: date(tb, "2004-02-04"), Sources: sources("nyt-2025-07-31", "seed-nyt-zh")},
			{ID: "uw", Name: "University of Washington", Kind: "university", Country: "US", Founded: date(tb, "1861"),
				Sources: sources("wired-2015")},
			{ID: "a16z", Name: "Andreessen Horowitz", Kind: "investor", Sources: sources("wired-2015")},
		},
		People: []thelist.Person{
			{ID: "ann-lee", Name: "Ann Lee", NativeName: "李安", Aliases: []string{"Annie Lee", "A. Lee"},
				ExternalIDs: thelist.ExternalIDs{ORCID: "0000-0002-1825-0097", OpenAlex: "A5023888391",
					DBLP: "l/AnnLee", GoogleScholar: "abcDEF123"},
				Sources: sources("nyt-2025-07-31")},
			{ID: "bob-ray", Name: "Bob Ray", Sources: sources("seed-nyt-zh")},
			{ID: "cat-kim", Name: "Cat Kim", ExternalIDs: thelist.ExternalIDs{ORCID: "0000-0001-2345-678X"},
				Sources: sources("wired-2015")},
		},
		Papers: []thelist.Paper{
			{ID: "attention", Title: "Attention Is All You Need", Year: 2017, Venue: "NeurIPS",
				DOI: "10.5555/3295222.3295349", ArXiv: "1706.03762", Citations: ptr[int64](173000),
				CitationsDate: date(tb, "2025-07"), Breakthrough: true, Topics: []string{"transformers", "machine translation"},
				Sources: sources("wired-2015")},
			// A count of 0 is reported (not nil); a year left empty is 0.
			{ID: "molmo", Title: "Molmo and PixMo", Citations: ptr[int64](0), Sources: sources("nyt-2025-07-31")},
		},
		Authorships: []thelist.Authorship{
			{PersonID: "ann-lee", PaperID: "attention", Position: 1, Sources: sources("wired-2015")},
			{PersonID: "bob-ray", PaperID: "attention", Sources: sources("wired-2015")},
		},
		Degrees: []thelist.Degree{
			{ID: "ann-lee.uw", PersonID: "ann-lee", LabID: "uw", Degree: "phd", Field: "computer science",
				Start: date(tb, "2012-09"), End: date(tb, "2016"), Completed: ptr(true), AdvisorID: "cat-kim",
				Sources: sources("wired-2015")},
			{ID: "bob-ray.uw", PersonID: "bob-ray", LabID: "uw", Degree: "phd", Field: "machine learning",
				Start: date(tb, "2020"), Completed: ptr(false), Sources: sources("seed-nyt-zh")},
			{ID: "cat-kim.uw", PersonID: "cat-kim", LabID: "uw", Degree: "masters", Sources: sources("wired-2015")},
		},
		Stints: []thelist.Stint{
			{ID: "ann-lee.meta", PersonID: "ann-lee", LabID: "meta", Role: "researcher, then lead",
				Start: date(tb, "2016-01-04"), End: date(tb, "2025-06"),
				Fact: thelist.Fact{Confidence: "reported", Sources: sources("nyt-2025-07-31")}},
			{ID: "ann-lee.meta-msl", PersonID: "ann-lee", LabID: "meta-msl", Role: "chief scientist", Founder: true,
				Start: date(tb, "2025-06"), Fact: thelist.Fact{Confidence: "inferred",
					Note: "The report lists her among the founders.\r\nSee its \"Founders\" box.", Sources: sources("nyt-2025-07-31", "seed-nyt-zh")}},
			{ID: "bob-ray.uw", PersonID: "bob-ray", LabID: "uw", Concurrent: true, Fact: thelist.Fact{Sources: sources("seed-nyt-zh")}},
			{ID: "bob-ray.meta-msl", PersonID: "bob-ray", LabID: "meta-msl", Role: "researcher", Start: date(tb, "2025-07-31"),
				LastSeen: date(tb, "2025-08"), Fact: thelist.Fact{Sources: sources("nyt-2025-07-31")}},
		},
		Offers: []thelist.Offer{
			{ID: "meta.bob-ray.2025", LabID: "meta-msl", PersonID: "bob-ray", ExtendedByID: "ann-lee",
				TotalValue: ptr[int64](250000000), FirstYearValue: ptr[int64](100000000), Currency: "USD", Years: 4,
				Date: date(tb, "2025-07"), Status: "accepted",
				Fact: thelist.Fact{Confidence: "unconfirmed", Note: "One report.", Sources: sources("nyt-2025-07-31")}},
			{ID: "meta.cat-kim.2025", LabID: "meta", PersonID: "cat-kim", Fact: thelist.Fact{Sources: sources("seed-nyt-zh")}},
		},
		Moves: []thelist.Move{
			{ID: "bob-ray.to.meta-msl", PersonID: "bob-ray", FromLabID: "uw", ToLabID: "meta-msl",
				Date: date(tb, "2025-07-31"), RecruiterID: "ann-lee", OfferID: "meta.bob-ray.2025",
				Fact: thelist.Fact{Confidence: "reported", Sources: sources("nyt-2025-07-31")}},
			{ID: "cat-kim.to.meta", PersonID: "cat-kim", ToLabID: "meta", Date: date(tb, "2025"),
				Fact: thelist.Fact{Sources: sources("seed-nyt-zh")}},
		},
		Recruitments: []thelist.Recruitment{
			{ID: "ann-lee.bob-ray", RecruiterID: "ann-lee", RecruitID: "bob-ray", ToLabID: "meta-msl",
				Date: date(tb, "2025-07"), Fact: thelist.Fact{Confidence: "inferred",
					Note: "From the move and the offer.", Sources: sources("nyt-2025-07-31")}},
		},
		Investments: []thelist.Investment{
			{ID: "a16z.meta-msl", InvestorLabID: "a16z", LabID: "meta-msl", Date: date(tb, "2025"), Round: "seed",
				Amount: ptr[int64](2000000000), Currency: "USD", Sources: sources("wired-2015")},
			{ID: "ann-lee.uw", InvestorPersonID: "ann-lee", LabID: "uw", Sources: sources("wired-2015")},
		},
		Deals: []thelist.Deal{
			{ID: "meta.uw-lab.2025", Kind: thelist.DealAcquiHire, BuyerLabID: "meta", TargetLabID: "uw", Date: date(tb, "2025-07"),
				Amount: ptr[int64](44000000), Currency: "USD", PersonIDs: []string{"bob-ray", "ann-lee"},
				Fact: thelist.Fact{Confidence: "unconfirmed", Note: "One report.", Sources: sources("nyt-2025-07-31")}},
			{ID: "a16z.meta-msl.deal", Kind: thelist.DealInvestment, BuyerLabID: "a16z", TargetLabID: "meta-msl",
				Fact: thelist.Fact{Sources: sources("wired-2015")}},
		},
		Groups: []thelist.Group{
			{ID: "offer-chat", Name: "The offer chat", Platform: "Signal", Sources: sources("nyt-2025-07-31")},
		},
		Memberships: []thelist.Membership{
			{PersonID: "ann-lee", GroupID: "offer-chat", Start: date(tb, "2025-06"), End: date(tb, "2025-08-15"),
				Fact: thelist.Fact{Sources: sources("nyt-2025-07-31")}},
			{PersonID: "bob-ray", GroupID: "offer-chat", Fact: thelist.Fact{Confidence: "unconfirmed",
				Sources: sources("nyt-2025-07-31")}},
		},
	}
}

// assertBundle compares two bundles kind by kind.
func assertBundle(tb testing.TB, got, want thelist.Bundle) {
	tb.Helper()
	assertRecords(tb, "Sources", got.Sources, want.Sources)
	assertRecords(tb, "Labs", got.Labs, want.Labs)
	assertRecords(tb, "People", got.People, want.People)
	assertRecords(tb, "Papers", got.Papers, want.Papers)
	assertRecords(tb, "Authorships", got.Authorships, want.Authorships)
	assertRecords(tb, "Degrees", got.Degrees, want.Degrees)
	assertRecords(tb, "Stints", got.Stints, want.Stints)
	assertRecords(tb, "Deals", got.Deals, want.Deals)
	assertRecords(tb, "Offers", got.Offers, want.Offers)
	assertRecords(tb, "Moves", got.Moves, want.Moves)
	assertRecords(tb, "Recruitments", got.Recruitments, want.Recruitments)
	assertRecords(tb, "Investments", got.Investments, want.Investments)
	assertRecords(tb, "Groups", got.Groups, want.Groups)
	assertRecords(tb, "Memberships", got.Memberships, want.Memberships)
}

func TestImport_ParsesEveryKind(t *testing.T) {
	store := &fakeStore{}
	rep, err := Import(testContext(t), store, everyKind, Options{})
	if err != nil {
		t.Fatalf("Import(%s): %v", everyKind, err)
	}
	got := store.written()
	want := everyKindRecords(t)

	// One subtest a kind, so a failure names the kind whose parse broke.
	t.Run("sources", func(t *testing.T) { assertRecords(t, "Sources", got.Sources, want.Sources) })
	t.Run("labs", func(t *testing.T) { assertRecords(t, "Labs", got.Labs, want.Labs) })
	t.Run("people", func(t *testing.T) { assertRecords(t, "People", got.People, want.People) })
	t.Run("papers", func(t *testing.T) { assertRecords(t, "Papers", got.Papers, want.Papers) })
	t.Run("authorships", func(t *testing.T) { assertRecords(t, "Authorships", got.Authorships, want.Authorships) })
	t.Run("degrees", func(t *testing.T) { assertRecords(t, "Degrees", got.Degrees, want.Degrees) })
	t.Run("stints", func(t *testing.T) { assertRecords(t, "Stints", got.Stints, want.Stints) })
	t.Run("offers", func(t *testing.T) { assertRecords(t, "Offers", got.Offers, want.Offers) })
	t.Run("moves", func(t *testing.T) { assertRecords(t, "Moves", got.Moves, want.Moves) })
	t.Run("recruitments", func(t *testing.T) { assertRecords(t, "Recruitments", got.Recruitments, want.Recruitments) })
	t.Run("investments", func(t *testing.T) { assertRecords(t, "Investments", got.Investments, want.Investments) })
	t.Run("groups", func(t *testing.T) { assertRecords(t, "Groups", got.Groups, want.Groups) })
	t.Run("memberships", func(t *testing.T) { assertRecords(t, "Memberships", got.Memberships, want.Memberships) })

	t.Run("dates keep their precision", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			got  thelist.Date
			want thelist.Precision
			text string
			time time.Time
		}{
			{"source day", got.Sources[0].Date, thelist.PrecisionDay, "2025-07-31", time.Date(2025, 7, 31, 0, 0, 0, 0, time.UTC)},
			{"source month", got.Sources[1].Date, thelist.PrecisionMonth, "2025-08", time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)},
			{"source year", got.Sources[2].Date, thelist.PrecisionYear, "2015", time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)},
			{"degree end year", got.Degrees[0].End, thelist.PrecisionYear, "2016", time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)},
			{"not reported", got.Stints[2].Start, thelist.PrecisionNone, "", time.Time{}},
		} {
			if tt.got.Precision != tt.want || tt.got.String() != tt.text || !tt.got.Time.Equal(tt.time) {
				t.Errorf("%s: got %q (%v, %v), want %q (%v, %v)", tt.name, tt.got, tt.got.Precision, tt.got.Time,
					tt.text, tt.want, tt.time)
			}
		}
	})
	t.Run("report", func(t *testing.T) {
		wantRows := kindLens(want)
		if len(rep.Rows) != len(thelist.Kinds) {
			t.Errorf("Rows has %d kinds, want %d (every kind): %v", len(rep.Rows), len(thelist.Kinds), rep.Rows)
		}
		for _, kind := range thelist.Kinds {
			if got, want := rep.Rows[kind], wantRows[kind]; got != want {
				t.Errorf("Rows[%s]: got %d, want %d", kind, got, want)
			}
			if got, want := rep.Counts[kind], (thelist.ImportCounts{Created: wantRows[kind]}); got != want {
				t.Errorf("Counts[%s]: got %+v, want %+v", kind, got, want)
			}
		}
		if rep.RunID != fakeRunID {
			t.Errorf("RunID: got %q, want %q (what RecordImport returned)", rep.RunID, fakeRunID)
		}
		wantMeta := thelist.ImportMeta{Bundle: everyKind, Name: "every-kind", Version: "1", Checksum: rep.Meta.Checksum}
		if rep.Meta != wantMeta || len(rep.Meta.Checksum) != 64 {
			t.Errorf("Meta: got %+v, want %+v with a 64-digit sha256 checksum", rep.Meta, wantMeta)
		}
		if len(store.recorded) != 1 || store.recorded[0] != rep.Meta {
			t.Errorf("RecordImport got %+v, want one call with %+v", store.recorded, rep.Meta)
		}
		if rep.DryRun {
			t.Error("DryRun: got true, want false")
		}
	})
	t.Run("references resolve in the bundle", func(t *testing.T) {
		// Every reference of everyKind names a record of the bundle, so
		// the database is never asked.
		if store.calls != 0 {
			t.Errorf("MissingIDs called %d times (%v), want 0", store.calls, store.asked)
		}
	})
}

func TestImport_ChecksumTellsVersionsApart(t *testing.T) {
	files := map[string]string{
		"sources.csv": "id,publisher,title\nsrc-a,The Paper,A Title\n",
		"people.csv":  "id,name,sources\nann,Ann,src-a\n",
	}
	checksum := func(t *testing.T, files map[string]string) string {
		t.Helper()
		return importValid(t, &fakeStore{}, files, Options{}).Meta.Checksum
	}
	first := checksum(t, files)
	t.Run("the same files", func(t *testing.T) {
		if got := checksum(t, files); got != first {
			t.Errorf("got %s, want %s", got, first)
		}
	})
	t.Run("an edited file", func(t *testing.T) {
		if got := checksum(t, withFile(files, "people.csv", "id,name,sources\nann,Ann Edited,src-a\n")); got == first {
			t.Errorf("got %s, the same as the original; want it to differ", got)
		}
	})
	t.Run("the same content under another kind's name", func(t *testing.T) {
		moved := map[string]string{"sources.csv": files["sources.csv"], "groups.csv": "id,name,sources\nann,Ann,src-a\n"}
		if got := checksum(t, moved); got == first {
			t.Errorf("got %s, the same as the original; want the file names to count", got)
		}
	})
}

func TestImport_ShippedBundlesAreValid(t *testing.T) {
	for _, tt := range []struct{ name, dir string }{
		{"the demo bundle", "../data"},
		// The demo bundle as shipped before the v1 format: fewer columns,
		// no manifest. The v1 format must keep accepting it.
		{"the v0 demo bundle", "testdata/demo-v0"},
		{"every kind", everyKind},
		{"every kind in JSON Lines", everyKindJSONL},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// A store that knows nothing: each bundle is self-contained.
			store := &fakeStore{}
			rep, err := Import(testContext(t), store, tt.dir, Options{})
			if err != nil {
				t.Fatalf("Import(%s): %v", tt.dir, err)
			}
			written := kindLens(store.written())
			if len(written) == 0 {
				t.Fatal("nothing written")
			}
			for kind, n := range rep.Rows {
				if written[kind] != n {
					t.Errorf("%s: %d rows read, %d records written; want them equal", kind, n, written[kind])
				}
			}
			if store.calls != 0 {
				t.Errorf("MissingIDs called %d times (%v), want 0: every reference is in the bundle", store.calls, store.asked)
			}
		})
	}
}
