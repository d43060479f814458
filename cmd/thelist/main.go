// Command thelist is The List in one binary: it serves the GraphQL API and
// the web app, imports data bundles, and applies the database schema.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand of thelist.
type command struct {
	name    string
	args    string // the positional arguments, for usage lines
	summary string
	run     func(ctx context.Context, fs *flag.FlagSet, args []string, stdout io.Writer) error
}

var commands = []command{
	{"serve", "", "serve the GraphQL API and the web app", runServe},
	{"import", "DIR", "validate a data bundle and write it to Neo4j (docs/data-format.md)", runImport},
	{"schema", "", "create the Neo4j constraints and indexes that are missing", runSchema},
	{"derive", "", "store every person's credentials, citations and current lab under the rules in force (resumable; the backfill of an older database)", runDerive},
	{"check", "", "lint the database: contradictions, undated open facts, facts without a source, people in two places at once", runCheck},
	{"aggregates", "rebuild|check", "rebuild or check the departures kept for the lab pages' alumni (the backfill of an older database)", runAggregates},
	{"gen", "DIR", "write a synthetic bundle of a given size (for benchmarks and tests)", runGen},
	{"openalex", "OUT", "convert OpenAlex authors, institutions and works (JSON Lines) into a bundle for thelist import", runOpenAlex},
}

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, nil)))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the process exit status: 0 on
// success, 1 when the command failed, 2 when it was called wrongly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		fs := flag.NewFlagSet("thelist "+c.name, flag.ContinueOnError)
		fs.SetOutput(stderr)
		fs.Usage = func() {
			fmt.Fprintf(stderr, "usage: thelist %s [flags] %s\n\n%s.\n\nflags:\n", c.name, c.args, capitalise(c.summary))
			fs.PrintDefaults()
		}
		err := c.run(ctx, fs, args[1:], stdout)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		default:
			fmt.Fprintf(stderr, "thelist %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "thelist: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

// errUsage means the command line was wrong; the usage has been printed.
var errUsage = errors.New("usage")

func usage(w io.Writer) {
	fmt.Fprintf(w, "The List: a talent-graph explorer for the AI talent war.\n\nusage: thelist COMMAND [flags]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun thelist COMMAND --help for a command's flags.\n")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
