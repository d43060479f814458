package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/thelist/thelist"
)

// writeReport writes the markdown report of the sizes measured so far.
func writeReport(path string, m machineInfo, cfg config, results []*result) error {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Import benchmark, %s\n\n", time.Now().Format("2006-01-02 15:04 MST"))
	w("Machine: %s, %s cores, %s memory, %s; %s; %s; %s; Neo4j server %s (bench instance: heap 3g, page cache 3g).\n\n",
		m.CPU, m.Cores, m.Memory, m.Kernel, m.Java, m.Neo4j, m.Go, cfg.uri)
	w("Bundles: `thelist gen --people N --seed %d`. Importer: `thelist import --batch-size %d` under `/usr/bin/time -v`, "+
		"into an empty database with the schema applied. Anchor: LOAD CSV … CALL { … } IN TRANSACTIONS OF 5000 ROWS "+
		"(bench/import/anchor.go), then `thelist derive --force` and `thelist aggregates rebuild` for the facts the importer keeps at write time "+
		"(as --bulk does after its offline load), same server, same files, same schema, empty database. "+
		"Ratio = LOAD CSV wall time / importer wall time: above 1 means the importer is faster.\n\n", cfg.seed, cfg.batchSize)

	w("| people | rows | nodes | relationships | importer wall | rows/s | rels/s | importer peak RSS | LOAD CSV wall | LOAD CSV rows/s | ratio |\n")
	w("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, r := range results {
		rels := r.ImportCensus.totalRels()
		anchorWall, anchorRate, ratio := "–", "–", "–"
		if r.Anchor.Wall > 0 {
			anchorWall = dur(r.Anchor.Wall)
			anchorRate = rate(r.RowsAll, r.Anchor.Wall)
			ratio = fmt.Sprintf("**%.2f**", r.Anchor.Wall.Seconds()/r.Import.Wall.Seconds())
		}
		w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", num(r.People), num(r.RowsAll),
			num(int(r.ImportCensus.totalNodes())), num(int(rels)), dur(r.Import.Wall), rate(r.RowsAll, r.Import.Wall),
			rate(int(rels), r.Import.Wall), mib(r.Import.MaxRSSKB), anchorWall, anchorRate, ratio)
	}
	w("\n`thelist import --bulk` (neo4j-admin database import full), end to end: validation as for an import, " +
		"the CSV files, the server stopped, the offline import, the server started, constraints and indexes created " +
		"and online. Its server CPU is left out: the offline importer is a process of its own (its CPU is in neither column). " +
		"Speed-up = LOAD CSV wall / --bulk wall.\n\n")
	w("| people | rows | --bulk wall | --bulk rows/s | client CPU | LOAD CSV wall | importer wall | speed-up over LOAD CSV | census |\n|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
	for _, r := range results {
		if r.Bulk.Wall == 0 {
			continue
		}
		same := "same as the importer's"
		if len(r.BulkDiff) > 0 {
			same = fmt.Sprintf("%d differences", len(r.BulkDiff))
		}
		w("| %s | %s | %s | %s | %s | %s | %s | **%.2f** | %s |\n", num(r.People), num(r.RowsAll), dur(r.Bulk.Wall),
			rate(r.RowsAll, r.Bulk.Wall), dur(r.Bulk.UserCPU+r.Bulk.SysCPU), dur(r.Anchor.Wall), dur(r.Import.Wall),
			r.Anchor.Wall.Seconds()/r.Bulk.Wall.Seconds(), same)
	}
	w("\nCPU time over each load (client: the importer process, from /usr/bin/time; server: the Neo4j JVM, from /proc):\n\n")
	w("| people | importer client CPU | importer server CPU | LOAD CSV server CPU | importer wall | LOAD CSV wall | load avg importer (before→after) | load avg LOAD CSV |\n|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, r := range results {
		w("| %s | %s | %s | %s | %s | %s | %s→%s | %s→%s |\n", num(r.People), dur(r.Import.UserCPU+r.Import.SysCPU), dur(r.Import.ServerCPU),
			dur(r.Anchor.ServerCPU), dur(r.Import.Wall), dur(r.Anchor.Wall), r.Import.LoadBefore, r.Import.LoadAfter,
			r.Anchor.LoadBefore, r.Anchor.LoadAfter)
	}

	for _, r := range results {
		w("\n## %s people\n\n", num(r.People))
		w("Each measured load ran on a server restarted empty (neo4jctl reset) and then warmed up by the same loader "+
			"on a 2,000-people bundle (seed 2), deleted again; those cold loads took: importer %s, LOAD CSV %s.\n\n",
			dur(r.ImportWarmUp), dur(r.AnchorWarmUp))
		if r.NoDB != nil {
			w("Importer without a database (a store that writes nothing; `profile-run -nodb`): validation pass %s, "+
				"parse pass %s, total %s (%s rows/s): the floor the importer's own work sets.\n\n",
				dur(r.NoDB.Validate), dur(r.NoDB.WritePass), dur(r.NoDB.Total), rate(r.RowsAll, r.NoDB.Total))
		}
		if p := r.Profile; p != nil {
			w("Importer in-process with a CPU profile (`profile-run`, its own empty database): total %s, of which "+
				"validation pass %s (%.0f%%), write pass %s (%.0f%%), of which inside WriteBundle %s (%.0f%% of the write pass; "+
				"the rest is parsing the files again), %d batches; first load's backfill (derived facts and departures) %s (%.0f%%); "+
				"peak RSS %s; client CPU %s, server CPU %s.\n\n",
				dur(p.Total), dur(p.Validate), pct(p.Validate, p.Total), dur(p.WritePass), pct(p.WritePass, p.Total),
				dur(p.InStore), pct(p.InStore, p.WritePass), p.Batches, dur(p.Backfill), pct(p.Backfill, p.Total), mib(r.ProfRun.MaxRSSKB),
				dur(r.ProfRun.UserCPU+r.ProfRun.SysCPU), dur(r.ProfRun.ServerCPU))
		}
		w("| kind | rows | importer (wall, first to last batch) | importer rows/s | LOAD CSV | LOAD CSV rows/s | ratio |\n|---|--:|--:|--:|--:|--:|--:|\n")
		for _, kind := range thelist.Kinds {
			n, ok := r.Rows[kind]
			if !ok {
				continue
			}
			imp, impRate, ratio := "–", "–", "–"
			if r.Profile != nil {
				d := r.Profile.WallByKind[kind]
				imp, impRate = dur(d), rate(n, d)
				if a := r.AnchorByKind[kind]; a > 0 && d > 0 {
					ratio = fmt.Sprintf("%.2f", a.Seconds()/d.Seconds())
				}
			}
			a := r.AnchorByKind[kind]
			w("| %s | %s | %s | %s | %s | %s | %s |\n", kind, num(n), imp, impRate, dur(a), rate(n, a), ratio)
		}
		w("\nBoth graphs, node and relationship counts (the importer's ImportRun log node and its `hash` property " +
			"are left out; properties were compared too, by label/type, name and value type: ")
		if r.AnchorCensus.Nodes == nil {
			w("not run).\n\n")
		} else if len(r.Diff) == 0 {
			w("**identical**).\n\n")
		} else {
			w("**they differ**:\n\n```\n%s\n```\n\n", strings.Join(r.Diff, "\n"))
		}
		w("%s\n", countsTable(r.ImportCensus, r.AnchorCensus))
		w("\n<details><summary>thelist import's report</summary>\n\n```\n%s```\n</details>\n", r.ImportReport)
		if r.TopCPU != "" {
			w("\n<details><summary>CPU profile of the importer process (go tool pprof -top; bench/out/import-%d.cpu.pprof)</summary>\n\n```\n%s```\n</details>\n",
				r.People, trimPprof(r.TopCPU))
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// trimPprof drops pprof's header lines about the binary and build id.
func trimPprof(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "File:") || strings.HasPrefix(l, "Build ID:") || strings.HasPrefix(l, "Type:") || strings.HasPrefix(l, "Time:") {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(slices.Clip(out), "\n")
}

func dur(d time.Duration) string {
	switch {
	case d <= 0:
		return "–"
	case d < time.Second:
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	case d < 100*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	default:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
}

func rate(n int, d time.Duration) string {
	if d <= 0 {
		return "–"
	}
	return num(int(float64(n) / d.Seconds()))
}

func pct(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func mib(kb int64) string {
	if kb <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MiB", float64(kb)/1024)
}

// num writes n with thin-space-free thousands separators: 1,134,104.
func num(n int) string {
	s := fmt.Sprint(n)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
