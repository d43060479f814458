package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thelist/thelist/internal/neo4jtest"
)

// runCmd runs one command line in-process and returns its exit status and
// output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// dbFlags points a command at the test database.
func dbFlags() []string {
	cfg := neo4jtest.Config()
	return []string{"--neo4j-uri", cfg.URI, "--neo4j-user", cfg.User, "--neo4j-password", cfg.Password}
}

func TestRun_UsageAndHelp(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"no command", nil, 2, "usage: thelist COMMAND"},
		{"help", []string{"--help"}, 0, "import"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"serve --help", []string{"serve", "--help"}, 0, "-addr"},
		{"import --help", []string{"import", "--help"}, 0, "usage: thelist import [flags] DIR"},
		{"import without DIR", []string{"import"}, 2, "want 1 argument(s), got 0"},
		{"bad flag", []string{"schema", "--no-such-flag"}, 2, "flag provided but not defined"},
		// Bad settings stop serve before it connects to anything.
		{"serve with no path search", []string{"serve", "--max-path-frontier", "0"}, 1, "max-path-frontier 0: want a number of people"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status = %d, want %d", code, tt.wantCode)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.wantStderr)
			}
		})
	}
}

// A malformed API key entry stops serve at start, naming the entry by its
// position and never showing the key.
func TestServe_MalformedKeyEntry(t *testing.T) {
	code, _, stderr := runCmd(t, "serve", "--api-keys", "good-k3y:reader,s3cret-k3y:admin:newsroom")
	if code != 1 || !strings.Contains(stderr, "entry 2: no role before the name") {
		t.Errorf("exit status %d, stderr %q; want 1 and the second entry named", code, stderr)
	}
	if strings.Contains(stderr, "k3y") {
		t.Errorf("stderr %q shows a key", stderr)
	}
}

func TestImport_ReportsProblemsAndWritesNothing(t *testing.T) {
	neo4jtest.Open(t) // a wiped test database
	dir := t.TempDir()
	files := map[string]string{
		"sources.csv": "id,publisher,title\ns1,Example Times,A report\n",
		"labs.csv":    "id,name,kind,sources\nalpha,Lab Alpha,institute,s1\n",
		"people.csv":  "id,name,sources\nada,Ada Example,s1\n,No Id,s1\n",
		"stints.csv":  "id,person_id,lab_id,start,sources\nada.x,ada,nowhere,2023-13,s1\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	errorsFile := filepath.Join(t.TempDir(), "problems.jsonl")
	code, stdout, stderr := runCmd(t, append(append([]string{"import", "--errors", errorsFile}, dbFlags()...), dir)...)
	if code != 1 {
		t.Errorf("exit status = %d, want 1", code)
	}
	got, err := os.ReadFile(errorsFile)
	if err != nil {
		t.Fatalf("--errors file: %v", err)
	}
	wantJSON := `{"file":"people.csv","line":3,"field":"id","message":"missing"}` + "\n" +
		`{"file":"stints.csv","line":2,"field":"start","message":"want YYYY, YYYY-MM or YYYY-MM-DD, got \"2023-13\""}` + "\n" +
		`{"file":"stints.csv","line":2,"field":"lab_id","message":"unknown lab \"nowhere\": not in the bundle nor in the database"}` + "\n"
	if string(got) != wantJSON {
		t.Errorf("--errors file:\n%s\nwant:\n%s", got, wantJSON)
	}
	for _, want := range []string{"people.csv:3: id: missing", "stints.csv:2: start:"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr = %q, want it to contain %q", stderr, want)
		}
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}

	// With the syntax fixed, the unknown lab is found, and still nothing is written.
	fixed := "id,person_id,lab_id,start,sources\nada.x,ada,nowhere,2023-11,s1\n"
	if err := os.WriteFile(filepath.Join(dir, "people.csv"), []byte("id,name,sources\nada,Ada Example,s1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stints.csv"), []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd(t, append(append([]string{"import"}, dbFlags()...), dir)...)
	if code != 1 || !strings.Contains(stderr, `stints.csv:2: lab_id: unknown lab "nowhere"`) {
		t.Errorf("exit %d, stderr %q; want 1 and the unknown lab named", code, stderr)
	}

	// --if-empty imports into the still-empty database: proof nothing was written.
	if err := os.WriteFile(filepath.Join(dir, "stints.csv"), []byte(strings.Replace(fixed, "nowhere", "alpha", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCmd(t, append(append([]string{"import", "--if-empty"}, dbFlags()...), dir)...)
	if code != 0 || !strings.Contains(stdout, "imported") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want an import into the empty database", code, stdout, stderr)
	}
	code, stdout, _ = runCmd(t, append(append([]string{"import", "--if-empty"}, dbFlags()...), dir)...)
	if code != 0 || !strings.Contains(stdout, "already holds data") {
		t.Errorf("second --if-empty: exit %d, stdout %q; want a skip", code, stdout)
	}
}

func TestImport_DemoDataTwiceChangesNothing(t *testing.T) {
	neo4jtest.Open(t)
	args := append(append([]string{"import"}, dbFlags()...), "../../data")
	if code, _, stderr := runCmd(t, args...); code != 0 {
		t.Fatalf("first import: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCmd(t, args...)
	if code != 0 {
		t.Fatalf("second import: exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) < 3 {
		t.Fatalf("report = %q, want a header and a line per kind", stdout)
	}
	for _, line := range lines[2:] {
		f := strings.Fields(line) // kind, rows, created, updated, unchanged
		if len(f) != 5 || f[2] != "0" || f[3] != "0" || f[1] != f[4] {
			t.Errorf("second import line %q: want every row unchanged", line)
		}
	}
}
