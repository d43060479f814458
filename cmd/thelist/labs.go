package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os/user"
	"strings"

	"github.com/thelist/thelist"
)

// runLabs is thelist labs merge|unmerge: an operator's way to merge two labs
// that are one institution, and to undo a merge, with the same effect and
// history as the API's mergeLabs and unmergeLabs mutations.
func runLabs(ctx context.Context, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	cfg := neo4jFlags(fs)
	source := fs.String("source", "", "merge: the id of the source that shows the two labs are one institution (required)")
	reason := fs.String("reason", "", "why, for the labs' history (required)")
	who := fs.String("who", currentUser(), "who is making the change, for the labs' history")
	if len(args) == 0 || (args[0] != "merge" && args[0] != "unmerge") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fs.Usage()
			return flag.ErrHelp
		}
		fmt.Fprintf(fs.Output(), "want merge KEEP GONE, or unmerge CHANGE_ID, or unmerge KEEP GONE\n\n")
		fs.Usage()
		return errUsage
	}
	verb := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return parse(fs, args[1:], 0) // prints the usage, as the other commands do
	}
	n := fs.NArg()
	if (verb == "merge" && n != 2) || (verb == "unmerge" && n != 1 && n != 2) {
		fmt.Fprintf(fs.Output(), "%s: wrong number of arguments (%d)\n\n", verb, n)
		fs.Usage()
		return errUsage
	}
	for _, check := range []struct{ name, value string }{{"reason", *reason}, {"who", *who}} {
		if strings.TrimSpace(check.value) == "" {
			return thelist.Errorf(thelist.EINVALID, "--%s: required", check.name)
		}
		if err := thelist.CheckText(check.name, check.value); err != nil {
			return err
		}
	}
	if verb == "merge" && strings.TrimSpace(*source) == "" {
		return thelist.Errorf(thelist.EINVALID, "--source: required: the id of a source that shows the labs are one")
	}
	db, err := openDB(ctx, *cfg)
	if err != nil {
		return err
	}
	defer closeDB(db)
	change := thelist.Change{Who: *who, Role: "operator", Reason: strings.TrimSpace(*reason)}
	if verb == "merge" {
		c, err := db.MergeLabs(ctx, fs.Arg(0), fs.Arg(1), *source, change)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "merged lab %s into %s (change %s; undo: thelist labs unmerge --reason ... %s)\n",
			thelist.Quote(fs.Arg(1)), thelist.Quote(fs.Arg(0)), c.ID, c.ID)
		return nil
	}
	id := fs.Arg(0)
	if n == 2 {
		if id, err = db.LabMergeOf(ctx, fs.Arg(0), fs.Arg(1)); err != nil {
			return err
		}
	}
	c, err := db.UnmergeLabs(ctx, id, change)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "undid merge %s: lab %s is back (change %s)\n", id, thelist.Quote(c.RecordID), c.ID)
	return nil
}

// currentUser names the operator for a change's history when --who is not
// given.
func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return ""
}
