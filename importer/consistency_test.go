package importer

import (
	"testing"
)

// historyFiles is a small bundle whose jobs and moves agree: Ada leaves
// Alpha for Beta in June 2025, keeping a part-time job at Gamma, and Beta's
// lab Beta Research is part of Beta.
func historyFiles() map[string]string {
	return map[string]string{
		"sources.csv": "id,publisher,title,url\ns1,Example News,A report,https://example.com/a\n",
		"labs.csv": "id,name,kind,parent_id,sources\nalpha,Alpha,company,,s1\nbeta,Beta,company,,s1\n" +
			"beta-research,Beta Research,company,beta,s1\ngamma,Gamma,university,,s1\n",
		"people.csv": "id,name,sources\nada,Ada Example,s1\n",
		"stints.csv": "id,person_id,lab_id,start,end,last_seen,concurrent,sources\n" +
			"ada.alpha,ada,alpha,2019,2025-06,,,s1\n" +
			"ada.beta,ada,beta,2025,,2025-09,,s1\n" +
			"ada.beta-research,ada,beta-research,2025-06,,,,s1\n" +
			"ada.gamma,ada,gamma,2018,,2025,true,s1\n",
		"moves.csv": "id,person_id,from_lab_id,to_lab_id,date,sources\nada.to.beta,ada,alpha,beta,2025-06,s1\n",
	}
}

func TestHistory_AgreeingJobsAndMovesPass(t *testing.T) {
	importValid(t, &fakeStore{}, historyFiles(), Options{})
}

func TestHistory_ContradictionsNameBothRows(t *testing.T) {
	files := historyFiles()
	cases := []struct {
		name  string
		file  string
		rows  string
		wants []string
	}{
		{"a move to a lab with no job there", "moves.csv",
			"id,person_id,from_lab_id,to_lab_id,date,sources\nada.to.beta,ada,alpha,beta,2025-06,s1\nada.to.gamma2,ada,,gamma,2026-01,s1\n",
			[]string{"moves.csv:3: date: the move to gamma on 2026-01 agrees with no job of the person there: stints.csv:5 starts 2018"}},
		{"a job left open after a dated move away, and seen after it: two full-time jobs at once", "stints.csv",
			"id,person_id,lab_id,start,end,last_seen,concurrent,sources\n" +
				"ada.alpha,ada,alpha,2019,,2025-09,,s1\nada.beta,ada,beta,2025-06,,,,s1\n",
			[]string{
				"stints.csv:2: end: the job at alpha is left open, but the move at moves.csv:2 takes the person away on 2025-06: give the job that end",
				"stints.csv:3: the job at beta (2025-06 to no date) overlaps the full-time job at alpha (stints.csv:2, 2019 to no date): end one, or mark the part-time one concurrent",
			}},
		{"an open job known only at its start is not held beside a later one; the move away still ends it", "stints.csv",
			"id,person_id,lab_id,start,end,last_seen,concurrent,sources\n" +
				"ada.alpha,ada,alpha,2019,,,,s1\nada.beta,ada,beta,2025-06,,,,s1\n",
			[]string{
				"stints.csv:2: end: the job at alpha is left open, but the move at moves.csv:2 takes the person away on 2025-06: give the job that end",
			}},
		{"last_seen outside the job", "stints.csv",
			"id,person_id,lab_id,start,end,last_seen,concurrent,sources\n" +
				"ada.alpha,ada,alpha,2019,2025-06,2025-08,,s1\nada.beta,ada,beta,2025-06,,2025-01,,s1\n",
			[]string{
				"stints.csv:2: last_seen: 2025-08 is after end 2025-06",
				"stints.csv:3: last_seen: 2025-01 is before start 2025-06",
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assertSameSet(t, "problems", importProblems(t, &fakeStore{}, withFile(files, c.file, c.rows)), c.wants)
		})
	}
}
