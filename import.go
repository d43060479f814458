package thelist

// ImportCounts says what an import did to one kind of record.
type ImportCounts struct {
	Created   int
	Updated   int
	Unchanged int
}

// ImportResult says what an import wrote, kind by kind. Every import is also
// recorded in the graph as an ImportRun node with the id RunID.
type ImportResult struct {
	RunID   string
	Sources ImportCounts
	Labs    ImportCounts
	People  ImportCounts
	Stints  ImportCounts
}

// ImportMeta describes the bundle behind an import, for its ImportRun record.
type ImportMeta struct {
	Bundle   string // where the bundle was read from
	Checksum string // sha256 over the bundle's files, to tell versions apart
}
