package thelist

// The declarations of the record kinds' fields (Field): one table per kind,
// in the order of the kind's columns in a bundle (docs/data-format.md).
// Adding a field to a kind is a line here, the Go struct's field, and its
// tests (docs/adding-a-field.md).

// FactFields are the fields every fact ends with (Fact): how sure the
// report is, a note, and the sources that state it.
var FactFields = []Field{
	{Column: "confidence", Go: "Confidence", Type: FieldText, Check: CheckEnum, Values: Confidences,
		Default: ConfidenceReported, Doc: "reported, inferred or unconfirmed.", InputDoc: "reported (the default), inferred or unconfirmed."},
	{Column: "note", Go: "Note", Type: FieldText},
	{Column: "sources", Go: "Sources", Type: FieldSources, Required: true},
}

func withFact(fields ...Field) []Field { return append(fields, FactFields...) }

// StintFields declares a stint (Stint): a person's job or study at a lab,
// the WORKED_AT relationship from the person to the lab.
var StintFields = withFact(
	Field{Column: "id", Go: "ID", Type: FieldID, Required: true},
	Field{Column: "person_id", Go: "PersonID", Type: FieldRef, Required: true, Ref: KindPeople},
	Field{Column: "lab_id", Go: "LabID", Type: FieldRef, Required: true, Ref: KindLabs},
	Field{Column: "role", Go: "Role", Type: FieldText, Doc: "As reported: co-founder, researcher, PhD student…"},
	Field{Column: "founder", Go: "Founder", Type: FieldBool, Doc: "The person founded or co-founded the lab."},
	Field{Column: "start", Go: "Start", Type: FieldDate,
		Doc: "When it began, at the precision reported (YYYY, YYYY-MM or YYYY-MM-DD)."},
	Field{Column: "end", Go: "End", Type: FieldDate,
		Doc: "When it ended; null while it goes on or when no source reports it."},
	Field{Column: "last_seen", Go: "LastSeen", Type: FieldDate,
		Doc: "The latest date a cited source confirms the person there, " +
			"at the precision reported; null when no source says more than the start.",
		InputDoc: "The latest date a cited source confirms the person there: "},
	Field{Column: "concurrent", Go: "Concurrent", Type: FieldBool,
		Doc:      "A part-time, advisory, visiting or otherwise concurrent job, which may overlap the main one.",
		InputDoc: "A part-time, advisory or visiting job that may overlap the main one."},
)

// PersonFields declares a person (Person).
var PersonFields = []Field{
	{Column: "id", Go: "ID", Type: FieldID, Required: true},
	{Column: "name", Go: "Name", Type: FieldText, Required: true, Doc: "The name as English-language reports write it."},
	{Column: "native_name", Go: "NativeName", Type: FieldText,
		Doc: "The name in the person's own script, when that is not Latin."},
	{Column: "aliases", Go: "Aliases", Type: FieldList,
		Doc: "Other names reports use, in any script (search finds the person by each)."},
	// A person's ids in other catalogues match people on import, and the
	// API shows them so that an editor, whose upsertPerson writes the
	// record whole, can send them back unchanged rather than clear them.
	{Column: "orcid", Go: "ORCID", Type: FieldText, Check: CheckORCID, Doc: "ORCID iD, when known."},
	{Column: "openalex", Go: "OpenAlex", Type: FieldText, Check: CheckOpenAlexAuthor, Doc: "OpenAlex author id, when known."},
	{Column: "dblp", Go: "DBLP", Type: FieldText, Doc: "DBLP person id, when known."},
	{Column: "google_scholar", Go: "GoogleScholar", Type: FieldText, Doc: "Google Scholar user id, when known."},
	{Column: "sources", Go: "Sources", Type: FieldSources, Required: true,
		Doc: "The reports that establish this person's identity."},
}

// LabFields declares a lab (Lab). The API's Lab type shows a lab as a
// place people work: its aliases, founding date, sources and registry ids
// serve search, the lab page and the importer's matching, which read them
// their own way.
var LabFields = []Field{
	{Column: "id", Go: "ID", Type: FieldID, Required: true},
	{Column: "name", Go: "Name", Type: FieldText, Required: true},
	{Column: "kind", Go: "Kind", Type: FieldText, Required: true, Check: CheckEnum, Values: LabKinds,
		Doc: "company, university, institute, startup, investor or media.", InputDoc: "company, university, institute, startup, investor or media."},
	{Column: "country", Go: "Country", Type: FieldText, Check: CheckCountry,
		Doc: "ISO 3166-1 alpha-2 code of its headquarters, when reported.", InputDoc: "ISO 3166-1 alpha-2, e.g. US."},
	// The importer checks a parent once the whole labs file is read (it
	// may come later, and must not make a cycle), so it reads it by hand.
	{Column: "parent_id", Go: "ParentID", Type: FieldRef, Ref: KindLabs, Hand: LayerImport, InputDoc: "The lab it is part of."},
	{Column: "top_lab", Go: "TopLab", Type: FieldBool, Doc: "On the top-lab list of The List's credentials."},
	{Column: "aliases", Go: "Aliases", Type: FieldList, Hand: LayerType},
	{Column: "founded", Go: "Founded", Type: FieldDate, Hand: LayerType},
	{Column: "sources", Go: "Sources", Type: FieldSources, Required: true, Hand: LayerType},
	// Registry ids are stored only when reported, so that labs without
	// them keep the hash they had before the ids existed (graph/records.go).
	{Column: "ror", Go: "ROR", Type: FieldText, Check: CheckROR, Hand: LayerGraph | LayerType,
		InputDoc: "Without https://ror.org/, e.g. 05a28rw58."},
	{Column: "openalex", Go: "OpenAlex", Type: FieldText, Check: CheckOpenAlexInstitution, Hand: LayerGraph | LayerType,
		InputDoc: "An OpenAlex institution id, e.g. I35440088."},
	{Column: "wikidata", Go: "Wikidata", Type: FieldText, Check: CheckWikidata, Hand: LayerGraph | LayerType,
		InputDoc: "A Wikidata item, e.g. Q11942."},
	// A lab's size as a report gives it, dated, and marked when the report
	// rounds it ("a team of about 10"), so a reader sees how firm it is.
	{Column: "staff", Go: "Staff", Type: FieldInt, Check: CheckPositive,
		Doc: "How many people work there, as the latest report on it gives the number."},
	{Column: "staff_date", Go: "StaffDate", Type: FieldDate, Doc: "When a report gave that number."},
	{Column: "staff_approximate", Go: "StaffApproximate", Type: FieldBool,
		Doc: "The report gives the number as an estimate (\"about 10\")."},
}

// MoveFields declares a move (Move): a person leaving one lab for another.
var MoveFields = withFact(
	Field{Column: "id", Go: "ID", Type: FieldID, Required: true},
	Field{Column: "person_id", Go: "PersonID", Type: FieldRef, Required: true, Ref: KindPeople},
	Field{Column: "from_lab_id", Go: "FromLabID", Type: FieldRef, Ref: KindLabs},
	Field{Column: "to_lab_id", Go: "ToLabID", Type: FieldRef, Required: true, Ref: KindLabs},
	Field{Column: "date", Go: "Date", Type: FieldDate},
	Field{Column: "recruiter_id", Go: "RecruiterID", Type: FieldRef, Ref: KindPeople},
	Field{Column: "offer_id", Go: "OfferID", Type: FieldRef, Ref: KindOffers},
)

// OfferFields declares a reported offer (Offer).
var OfferFields = withFact(
	Field{Column: "id", Go: "ID", Type: FieldID, Required: true},
	Field{Column: "lab_id", Go: "LabID", Type: FieldRef, Required: true, Ref: KindLabs},
	Field{Column: "person_id", Go: "PersonID", Type: FieldRef, Required: true, Ref: KindPeople},
	Field{Column: "extended_by_id", Go: "ExtendedByID", Type: FieldRef, Ref: KindPeople},
	Field{Column: "total_value", Go: "TotalValue", Type: FieldMoney, Doc: "The whole package in currency units, when reported."},
	Field{Column: "first_year_value", Go: "FirstYearValue", Type: FieldMoney, Doc: "What the first year could pay, when reported."},
	Field{Column: "currency", Go: "Currency", Type: FieldText, Check: CheckCurrency, Doc: "ISO 4217 code.", InputDoc: "ISO 4217, e.g. USD."},
	Field{Column: "years", Go: "Years", Type: FieldInt, Check: CheckPositive, Doc: "How many years the package spans, when reported."},
	Field{Column: "date", Go: "Date", Type: FieldDate, Doc: "When it was made, at the precision reported."},
	Field{Column: "status", Go: "Status", Type: FieldText, Check: CheckEnum, Values: OfferStatuses, Default: OfferUnknown,
		Doc: "accepted, declined, countered or unknown.", InputDoc: "accepted, declined, countered or unknown."},
)

// DealFields declares a company deal (Deal).
var DealFields = withFact(
	Field{Column: "id", Go: "ID", Type: FieldID, Required: true},
	Field{Column: "kind", Go: "Kind", Type: FieldText, Required: true, Check: CheckEnum, Values: DealKinds,
		Doc: "acquisition, licence-and-hire, acqui-hire or investment.", InputDoc: "acquisition, licence-and-hire, acqui-hire or investment."},
	Field{Column: "buyer_lab_id", Go: "BuyerLabID", Type: FieldRef, Required: true, Ref: KindLabs},
	Field{Column: "target_lab_id", Go: "TargetLabID", Type: FieldRef, Required: true, Ref: KindLabs},
	Field{Column: "date", Go: "Date", Type: FieldDate},
	Field{Column: "amount", Go: "Amount", Type: FieldMoney,
		Doc: "What the buyer paid, in currency units, as reported; null when not reported."},
	Field{Column: "currency", Go: "Currency", Type: FieldText, Check: CheckCurrency, InputDoc: "ISO 4217, e.g. USD."},
	Field{Column: "person_ids", Go: "PersonIDs", Type: FieldRefs, Ref: KindPeople, InputDoc: "The people the deal brought to the buyer."},
)

// DegreeFields declares a degree (Degree): a course of study, the
// STUDIED_AT relationship from the person to the lab.
var DegreeFields = []Field{
	{Column: "id", Go: "ID", Type: FieldID, Required: true},
	{Column: "person_id", Go: "PersonID", Type: FieldRef, Required: true, Ref: KindPeople},
	{Column: "lab_id", Go: "LabID", Type: FieldRef, Required: true, Ref: KindLabs, InputDoc: "The university or institute."},
	{Column: "degree", Go: "Degree", Type: FieldText, Required: true, Check: CheckEnum, Values: DegreeKinds,
		Doc: "phd, masters, bachelors or other.", InputDoc: "phd, masters, bachelors or other."},
	{Column: "field", Go: "Field", Type: FieldText, Doc: "The field as reported, e.g. computer science."},
	{Column: "start", Go: "Start", Type: FieldDate, Doc: "When it began, at the precision reported."},
	{Column: "end", Go: "End", Type: FieldDate, Doc: "When it ended; null when no source reports it."},
	{Column: "completed", Go: "Completed", Type: FieldOptBool,
		Doc:      "True when finished, false for someone who left, null when not reported.",
		InputDoc: "false for a dropout; null when not reported."},
	{Column: "advisor_id", Go: "AdvisorID", Type: FieldRef, Ref: KindPeople},
	{Column: "thesis", Go: "Thesis", Type: FieldText, Doc: "The thesis title, when reported.", InputDoc: "The thesis title."},
	{Column: "ai_thesis", Go: "AIThesis", Type: FieldBool,
		Doc:      "A cited source places the thesis in AI, whatever the department is called (credentialRules).",
		InputDoc: "A cited source places the thesis in AI, whatever the department is called."},
	{Column: "sources", Go: "Sources", Type: FieldSources, Required: true},
}

// PaperFields declares a paper (Paper).
var PaperFields = []Field{
	{Column: "id", Go: "ID", Type: FieldID, Required: true},
	{Column: "title", Go: "Title", Type: FieldText, Required: true},
	{Column: "year", Go: "Year", Type: FieldInt, Check: CheckYear, Doc: "Year of publication, when reported."},
	{Column: "venue", Go: "Venue", Type: FieldText},
	{Column: "doi", Go: "DOI", Type: FieldText, Check: CheckDOI, InputDoc: "Without https://doi.org/, e.g. 10.1145/3065386."},
	{Column: "arxiv", Go: "ArXiv", Type: FieldText, InputDoc: "e.g. 1706.03762."},
	{Column: "citations", Go: "Citations", Type: FieldCount,
		Doc: "Citation count as reported, with citationsDate; null when not reported."},
	{Column: "citations_date", Go: "CitationsDate", Type: FieldDate,
		Doc: "When the citation count was read.", InputDoc: "When citations was counted: "},
	{Column: "breakthrough", Go: "Breakthrough", Type: FieldBool, Doc: "A cited source calls it a breakthrough.",
		InputDoc: "Whether the paper counts as a breakthrough (credentialRules)."},
	{Column: "topics", Go: "Topics", Type: FieldList},
	{Column: "sources", Go: "Sources", Type: FieldSources, Required: true},
}

// AuthorshipFields declares an authorship (Authorship): a person wrote a
// paper, the AUTHORED relationship keyed by the pair.
var AuthorshipFields = []Field{
	{Column: "person_id", Go: "PersonID", Type: FieldRef, Required: true, Ref: KindPeople},
	{Column: "paper_id", Go: "PaperID", Type: FieldRef, Required: true, Ref: KindPapers},
	{Column: "position", Go: "Position", Type: FieldInt, Check: CheckPositive,
		Doc: "1 for the first author; null when not reported.", InputDoc: "1 for the first author."},
	{Column: "sources", Go: "Sources", Type: FieldSources, Required: true, Doc: "The reports that establish the authorship."},
}

// Declared maps each kind to its fields.
var Declared = map[string][]Field{
	KindPeople: PersonFields, KindLabs: LabFields, KindPapers: PaperFields, KindAuthorships: AuthorshipFields,
	KindDegrees: DegreeFields, KindStints: StintFields, KindOffers: OfferFields, KindMoves: MoveFields,
	KindDeals: DealFields, KindSources: SourceFields, KindRecruitments: RecruitmentFields,
	KindInvestments: InvestmentFields, KindGroups: GroupFields, KindMemberships: MembershipFields,
}

// SourceFields declares a source (Source): a published report.
var SourceFields = []Field{
	{Column: "id", Go: "ID", Type: FieldID, Required: true},
	{Column: "publisher", Go: "Publisher", Type: FieldText, Required: true, Doc: "Who published it."},
	{Column: "title", Go: "Title", Type: FieldText, Required: true, Doc: "The headline or title, in its own language."},
	{Column: "date", Go: "Date", Type: FieldDate,
		Doc: "Publication date at the precision known: YYYY, YYYY-MM or YYYY-MM-DD."},
	{Column: "url", Go: "URL", Type: FieldText, Check: CheckURL, Doc: "Where it can be read, when known.", InputDoc: "An http(s) URL."},
	{Column: "language", Go: "Language", Type: FieldText, Check: CheckLanguage,
		Doc: "BCP 47 tag of the text, e.g. en or zh.", InputDoc: "A BCP 47 tag such as en or zh-Hant."},
	{Column: "note", Go: "Note", Type: FieldText,
		Doc: "What a reader of the source should know (a translation, a paywall)."},
	// A source names its original by id, stored as a property rather than
	// a relationship (graph/records.go), and shown as that id.
	{Column: "original_id", Go: "OriginalID", Type: FieldRef, Ref: KindSources, InputDoc: "The source this one translates or relays."},
}

// RecruitmentFields declares a recruitment (Recruitment): one person
// recruited another, the RECRUITED relationship.
var RecruitmentFields = withFact(
	Field{Column: "id", Go: "ID", Type: FieldID, Required: true},
	Field{Column: "recruiter_id", Go: "RecruiterID", Type: FieldRef, Required: true, Ref: KindPeople},
	Field{Column: "recruit_id", Go: "RecruitID", Type: FieldRef, Required: true, Ref: KindPeople},
	Field{Column: "to_lab_id", Go: "ToLabID", Type: FieldRef, Ref: KindLabs},
	Field{Column: "date", Go: "Date", Type: FieldDate},
)

// InvestmentFields declares an investment (Investment), by a person or a
// lab in a lab.
var InvestmentFields = []Field{
	{Column: "id", Go: "ID", Type: FieldID, Required: true},
	{Column: "investor_person_id", Go: "InvestorPersonID", Type: FieldRef, Ref: KindPeople,
		InputDoc: "Exactly one of investorPersonId and investorLabId."},
	{Column: "investor_lab_id", Go: "InvestorLabID", Type: FieldRef, Ref: KindLabs},
	{Column: "lab_id", Go: "LabID", Type: FieldRef, Required: true, Ref: KindLabs},
	{Column: "date", Go: "Date", Type: FieldDate},
	{Column: "round", Go: "Round", Type: FieldText},
	{Column: "amount", Go: "Amount", Type: FieldMoney, Doc: "The round's size, when reported."},
	{Column: "currency", Go: "Currency", Type: FieldText, Check: CheckCurrency, InputDoc: "ISO 4217, e.g. USD."},
	{Column: "sources", Go: "Sources", Type: FieldSources, Required: true},
}

// GroupFields declares a group (Group), such as a private chat.
var GroupFields = []Field{
	{Column: "id", Go: "ID", Type: FieldID, Required: true},
	{Column: "name", Go: "Name", Type: FieldText, Required: true},
	{Column: "platform", Go: "Platform", Type: FieldText},
	{Column: "sources", Go: "Sources", Type: FieldSources, Required: true},
}

// MembershipFields declares a membership (Membership) of a person in a
// group, the MEMBER_OF relationship keyed by the pair.
var MembershipFields = withFact(
	Field{Column: "person_id", Go: "PersonID", Type: FieldRef, Required: true, Ref: KindPeople},
	Field{Column: "group_id", Go: "GroupID", Type: FieldRef, Required: true, Ref: KindGroups},
	Field{Column: "start", Go: "Start", Type: FieldDate},
	Field{Column: "end", Go: "End", Type: FieldDate},
)
