package openalex

// The OpenAlex entities, as their snapshot writes them: only the fields the
// conversion reads. Unknown fields are ignored, since OpenAlex adds fields
// over time; a field of the wrong JSON type is a problem.

type institution struct {
	ID           string   `json:"id"`
	ROR          string   `json:"ror"`
	DisplayName  string   `json:"display_name"`
	CountryCode  string   `json:"country_code"`
	Type         string   `json:"type"`
	Alternatives []string `json:"display_name_alternatives"`
	Acronyms     []string `json:"display_name_acronyms"`
	Associated   []struct {
		ID           string `json:"id"`
		Relationship string `json:"relationship"`
	} `json:"associated_institutions"`
	UpdatedDate string `json:"updated_date"`
}

// dehydrated is an entity as another entity embeds it: id and name.
type dehydrated struct {
	ID string `json:"id"`
}

type author struct {
	ID    string `json:"id"`
	ORCID string `json:"orcid"`
	// IDs.ORCID is the author's ORCID where the top-level orcid is null
	// (some records carry it only here).
	IDs struct {
		ORCID string `json:"orcid"`
	} `json:"ids"`
	DisplayName  string   `json:"display_name"`
	Alternatives []string `json:"display_name_alternatives"`
	// Affiliations is nil when the record has none (older snapshots), and
	// then the works' authorships stand in for it.
	Affiliations *[]struct {
		Institution dehydrated `json:"institution"`
		Years       []int      `json:"years"`
	} `json:"affiliations"`
	LastKnownInstitutions []dehydrated `json:"last_known_institutions"`
	LastKnownInstitution  *dehydrated  `json:"last_known_institution"` // before 2024
	UpdatedDate           string       `json:"updated_date"`
}

type work struct {
	ID              string `json:"id"`
	Title           string `json:"title"`
	DisplayName     string `json:"display_name"`
	DOI             string `json:"doi"`
	PublicationYear int    `json:"publication_year"`
	PrimaryLocation *struct {
		Source *struct {
			DisplayName string `json:"display_name"`
		} `json:"source"`
	} `json:"primary_location"`
	CitedByCount *int64 `json:"cited_by_count"`
	Topics       []struct {
		DisplayName string `json:"display_name"`
	} `json:"topics"`
	Concepts []struct {
		DisplayName string   `json:"display_name"`
		Score       *float64 `json:"score"` // 0: tagged and then judged not to apply
	} `json:"concepts"`
	Authorships []struct {
		Author       dehydrated   `json:"author"`
		Institutions []dehydrated `json:"institutions"`
	} `json:"authorships"`
	UpdatedDate string `json:"updated_date"`
}

// The rows of the bundle, with the field names of docs/data-format.md.

type sourceRow struct {
	ID        string `json:"id"`
	Publisher string `json:"publisher"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Note      string `json:"note"`
}

type labRow struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Country  string   `json:"country,omitempty"`
	ParentID string   `json:"parent_id,omitempty"`
	Aliases  []string `json:"aliases,omitempty"`
	Sources  []string `json:"sources"`
	ROR      string   `json:"ror,omitempty"`
	OpenAlex string   `json:"openalex,omitempty"`
}

type personRow struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases,omitempty"`
	ORCID    string   `json:"orcid,omitempty"`
	OpenAlex string   `json:"openalex"`
	Sources  []string `json:"sources"`
}

type paperRow struct {
	ID            string   `json:"id"`
	Title         string   `json:"title"`
	Year          int      `json:"year,omitempty"`
	Venue         string   `json:"venue,omitempty"`
	DOI           string   `json:"doi,omitempty"`
	Citations     *int64   `json:"citations,omitempty"`
	CitationsDate string   `json:"citations_date,omitempty"`
	Topics        []string `json:"topics,omitempty"`
	Sources       []string `json:"sources"`
}

type authorshipRow struct {
	PersonID string   `json:"person_id"`
	PaperID  string   `json:"paper_id"`
	Position int      `json:"position"`
	Sources  []string `json:"sources"`
}

type stintRow struct {
	ID         string   `json:"id"`
	PersonID   string   `json:"person_id"`
	LabID      string   `json:"lab_id"`
	Start      string   `json:"start,omitempty"`
	End        string   `json:"end,omitempty"`
	LastSeen   string   `json:"last_seen,omitempty"`
	Confidence string   `json:"confidence"`
	Note       string   `json:"note"`
	Sources    []string `json:"sources"`
}

type manifestFile struct {
	Name        string `json:"name"`
	Version     string `json:"version"`
	License     string `json:"license"`
	Description string `json:"description"`
}
