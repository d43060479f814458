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
