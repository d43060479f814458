package thelist_test

import (
	"testing"

	"github.com/thelist/thelist"
)

func TestCredentialRules_IsAIField(t *testing.T) {
	tests := []struct {
		field string
		want  bool
	}{
		{"Machine Learning", true},
		{"machine-learning", true},
		{"Computer Science (AI)", true},
		{"Robotics and Control", true},
		{"NATURAL LANGUAGE PROCESSING", true},
		{"computer science", false},
		{"History", false},
		{"Email systems", false}, // "ai" is a word, not a substring
		{"", false},
	}
	for _, tt := range tests {
		if got := thelist.Credentials.IsAIField(tt.field); got != tt.want {
			t.Errorf("IsAIField(%q) = %v, want %v", tt.field, got, tt.want)
		}
	}
}

func TestCandidateFilter_Validate(t *testing.T) {
	years := func(y float64) *float64 { return &y }
	n := func(v int64) *int64 { return &v }
	tests := []struct {
		name   string
		filter thelist.CandidateFilter
		valid  bool
	}{
		{"empty", thelist.CandidateFilter{}, true},
		{"atLeast 3", thelist.CandidateFilter{AtLeast: 3}, true},
		{"atLeast 4", thelist.CandidateFilter{AtLeast: 4}, false},
		{"atLeast negative", thelist.CandidateFilter{AtLeast: -1}, false},
		{"tenure reversed", thelist.CandidateFilter{MinTenureYears: years(3), MaxTenureYears: years(1)}, false},
		{"tenure negative", thelist.CandidateFilter{MinTenureYears: years(-1)}, false},
		{"citations negative", thelist.CandidateFilter{MinCitations: n(-1)}, false},
		{"unknown order", thelist.CandidateFilter{OrderBy: "SALARY"}, false},
		{"blank topic", thelist.CandidateFilter{Topics: []string{" "}}, false},
		{"too many labs", thelist.CandidateFilter{WorkedAt: make([]string, thelist.MaxFilterLabs+1)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.filter.Validate()
			if tt.valid && err != nil {
				t.Errorf("Validate() = %v, want nil", err)
			}
			if !tt.valid && thelist.ErrorCode(err) != thelist.EINVALID {
				t.Errorf("Validate() = %v, want code %s", err, thelist.EINVALID)
			}
		})
	}
}

func TestCredentialRules_IsAIPhD(t *testing.T) {
	yes, no := true, false
	r := thelist.Credentials
	cases := []struct {
		name      string
		d         thelist.Degree
		advisorAI bool
		want      bool
	}{
		{"AI field", thelist.Degree{Degree: thelist.DegreePhD, Field: "Machine Learning", Completed: &yes}, false, true},
		{"CS with an AI thesis (Sutskever)", thelist.Degree{Degree: thelist.DegreePhD, Field: "computer science", Completed: &yes, AIThesis: true}, false, true},
		{"CS with an AI advisor", thelist.Degree{Degree: thelist.DegreePhD, Field: "Computer Science", Completed: &yes}, true, true},
		{"CS alone", thelist.Degree{Degree: thelist.DegreePhD, Field: "computer science", Completed: &yes}, false, false},
		{"not completed (Deitke)", thelist.Degree{Degree: thelist.DegreePhD, Field: "computer science", Completed: &no, AIThesis: true}, true, false},
		{"completion not reported", thelist.Degree{Degree: thelist.DegreePhD, Field: "machine learning"}, false, false},
		{"physics with an AI advisor", thelist.Degree{Degree: thelist.DegreePhD, Field: "physics", Completed: &yes}, true, false},
		{"a master's", thelist.Degree{Degree: thelist.DegreeMasters, Field: "machine learning", Completed: &yes}, false, false},
	}
	for _, c := range cases {
		if got := r.IsAIPhD(c.d, c.advisorAI); got != c.want {
			t.Errorf("%s: IsAIPhD = %v, want %v", c.name, got, c.want)
		}
	}
}
