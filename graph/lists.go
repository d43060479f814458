package graph

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/thelist/thelist"
)

// Shortlists and saved searches are stored as
//
//	(:Shortlist {id, owner, name, nameKey, createdAt, updatedAt})-[:LISTS {addedAt, note}]->(:Person)
//	(:SavedSearch {id, owner, name, nameKey, filter, createdAt, updatedAt})
//
// They are an owner's working data, not facts: no Source, no Change, no
// ImportRun touches them, no full-text index covers their labels, and the
// network view follows only the relationship types it names, which LISTS is
// not. nameKey is the owner and the folded name, unique, so that one owner
// cannot keep two lists of the same name even when two requests race.
//
// Every read matches a list by id and then by owner, so a list of another
// owner is not found, exactly like one that does not exist.
//
// A write that may be refused (a cap reached) does it in a CALL that
// collects what it wrote, so the statement still returns a row that says
// why: an OPTIONAL CALL around CREATE answers, on Neo4j 5.26, a deleted
// placeholder node rather than null when its rows are filtered out.

// userDataLabels are the labels of the nodes that hold users' working data
// rather than the graph; IsEmpty does not count them.
const userDataLabels = "Shortlist|SavedSearch"

// listNameKey is the unique key of an owner's list of that name: names
// differing only in case or surrounding space are the same name.
func listNameKey(owner, name string) string {
	return owner + "\n" + strings.ToLower(strings.TrimSpace(name))
}

// shortlistReturn is the end of a statement that has bound list: it
// returns the shortlist as "list" (after the columns in extra, if any),
// with its members when withMembers is set. Members are projected as
// candidateRow projects a candidate, so the statement must carry the
// parameters of candidatePlan.params (shortlistStatement adds them). The
// variable is list, not l, because candidateRow binds l to labs inside its
// subqueries.
func shortlistReturn(withMembers bool, extra string) string {
	members, topLabs := "", ""
	if withMembers {
		// The top-lab set is computed in a subquery of its own: an
		// aggregation inside the projection would be read as grouping it.
		// WITH * lets it follow a SET.
		topLabs = "WITH *\n" + candidateTopLabIDs + "\n"
		members = `,
			members: COLLECT { MATCH (list)-[entry:LISTS]->(p:Person)
				WITH entry, p, topLabIds ORDER BY entry.addedAt, p.id
				RETURN {addedAt: entry.addedAt, note: entry.note,
				` + candidateRow + `} }`
	}
	// A list that a statement did not create is null, and so is its
	// projection, which otherwise would be a map of nulls.
	return topLabs + `RETURN ` + extra + `CASE WHEN list IS NULL THEN null ELSE list { .id, .owner, .name, .createdAt, .updatedAt,
			size: COUNT { (list)-[:LISTS]->(:Person) }` + members + ` } END AS list`
}

// shortlistStatement returns body with the parameters the members'
// evidence needs added to params when the members are read.
func shortlistStatement(body string, withMembers bool, params map[string]any) (string, map[string]any) {
	if !withMembers {
		return body, params
	}
	for k, v := range newCandidatePlan(thelist.CandidateFilter{}).params(thelist.Credentials, time.Now().UTC(), 0) {
		if _, taken := params[k]; !taken {
			params[k] = v
		}
	}
	return body, params
}

// memberFactsPlan makes candidateReasons say, for each credential a member
// meets, the record that meets it: the "key facts" of a shortlist member.
var memberFactsPlan = newCandidatePlan(thelist.CandidateFilter{PhD: true, TopLab: true, Breakthrough: true})

func decodeShortlist(v any) (thelist.Shortlist, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return thelist.Shortlist{}, fmt.Errorf("shortlist: want a map, got %T", v)
	}
	l := thelist.Shortlist{ID: str(m, "id"), Owner: str(m, "owner"), Name: str(m, "name")}
	l.CreatedAt, _ = m["createdAt"].(time.Time) // always set on create
	l.UpdatedAt, _ = m["updatedAt"].(time.Time)
	size, _ := m["size"].(int64) // COUNT {} is always an integer
	l.Size = int(size)
	for _, row := range maps(m["members"]) {
		c, err := decodeCandidate(row, memberFactsPlan, thelist.Credentials)
		if err != nil {
			return l, fmt.Errorf("shortlist %s: %w", l.ID, err)
		}
		member := thelist.ShortlistMember{Candidate: c, Note: str(row, "note")}
		member.AddedAt, _ = row["addedAt"].(time.Time)
		l.Members = append(l.Members, member)
	}
	return l, nil
}

// collectColumn runs query and decodes column of every row.
func collectColumn[T any](ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any,
	column string, decode func(any) (T, error)) ([]T, error) {
	res, err := tx.Run(ctx, query, params)
	recs, err := neo4j.CollectWithContext(ctx, res, err)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(recs))
	for _, rec := range recs {
		v, _ := rec.Get(column) // the query returns it
		item, err := decode(v)
		if err != nil {
			return nil, err
		}
		out = append(out, item)
	}
	return out, nil
}

func shortlistNotFound(id string) error {
	return thelist.Errorf(thelist.ENOTFOUND, "no shortlist with id %q", id)
}

// runShortlist runs a statement that returns the shortlist as "list" on
// at most one row; no row means the owner has no shortlist with that id.
func runShortlist(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) (thelist.Shortlist, map[string]any, error) {
	row, err := firstRow(ctx, tx, query, params, shortlistNotFound(str(params, "id")))
	if err != nil {
		return thelist.Shortlist{}, nil, err
	}
	if row["list"] == nil {
		return thelist.Shortlist{}, row, nil
	}
	l, err := decodeShortlist(row["list"])
	return l, row, err
}

// Shortlists returns the owner's shortlists, the most recently changed
// first, with their members when withMembers is set.
func (db *DB) Shortlists(ctx context.Context, owner string, withMembers bool) ([]thelist.Shortlist, error) {
	query, params := shortlistStatement(`
		MATCH (list:Shortlist) WHERE list.owner = $owner
		`+shortlistReturn(withMembers, "")+`
		ORDER BY list.updatedAt DESC, list.id`, withMembers, map[string]any{"owner": owner})
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.Shortlist, error) {
		return collectColumn(ctx, tx, query, params, "list", decodeShortlist)
	})
}

// Shortlist returns the owner's shortlist with id, with its members (each
// with the evidence of their credentials) when withMembers is set.
// Another owner's list is NOT_FOUND, as a missing one is.
func (db *DB) Shortlist(ctx context.Context, owner, id string, withMembers bool) (thelist.Shortlist, error) {
	query, params := shortlistStatement(`
		MATCH (list:Shortlist {id: $id}) WHERE list.owner = $owner
		`+shortlistReturn(withMembers, ""), withMembers, map[string]any{"owner": owner, "id": id})
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Shortlist, error) {
		l, _, err := runShortlist(ctx, tx, query, params)
		return l, err
	})
}

// CreateShortlist makes an empty shortlist for owner. A name the owner
// already uses is a CONFLICT; the owner's MaxShortlists-th list is the last.
func (db *DB) CreateShortlist(ctx context.Context, owner, name string) (thelist.Shortlist, error) {
	name, err := thelist.ListName("name", name)
	if err != nil {
		return thelist.Shortlist{}, err
	}
	params := map[string]any{"owner": owner, "name": name, "nameKey": listNameKey(owner, name), "max": thelist.MaxShortlists}
	l, err := editTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Shortlist, error) {
		l, row, err := runShortlist(ctx, tx, `
			OPTIONAL MATCH (other:Shortlist) WHERE other.owner = $owner
			WITH count(other) AS owned
			CALL (owned) {
				WITH owned WHERE owned < $max
				CREATE (list:Shortlist {id: randomUUID(), owner: $owner, name: $name, nameKey: $nameKey,
					createdAt: datetime(), updatedAt: datetime()})
				RETURN collect(list) AS created
			}
			WITH created[0] AS list
			`+shortlistReturn(false, ""), params)
		if err == nil && row["list"] == nil {
			err = thelist.Errorf(thelist.EINVALID, "you have %d shortlists, the most one key may keep: delete one first", thelist.MaxShortlists)
		}
		return l, err
	})
	return l, nameTaken(err, "shortlist", name)
}

// nameTaken words a clash on nameKey, which only a name can cause.
func nameTaken(err error, kind, name string) error {
	if thelist.ErrorCode(err) == thelist.ECONFLICT {
		return fmt.Errorf("%w: %w", thelist.Errorf(thelist.ECONFLICT, "you already have a %s named %q", kind, name), err)
	}
	return err
}

// RenameShortlist gives the owner's shortlist id a new name.
func (db *DB) RenameShortlist(ctx context.Context, owner, id, name string, withMembers bool) (thelist.Shortlist, error) {
	name, err := thelist.ListName("name", name)
	if err != nil {
		return thelist.Shortlist{}, err
	}
	query, params := shortlistStatement(`
		MATCH (list:Shortlist {id: $id}) WHERE list.owner = $owner
		SET list.name = $name, list.nameKey = $nameKey, list.updatedAt = datetime()
		`+shortlistReturn(withMembers, ""), withMembers,
		map[string]any{"owner": owner, "id": id, "name": name, "nameKey": listNameKey(owner, name)})
	l, err := editTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Shortlist, error) {
		l, _, err := runShortlist(ctx, tx, query, params)
		return l, err
	})
	return l, nameTaken(err, "shortlist", name)
}

// DeleteShortlist deletes the owner's shortlist id; the people stay.
func (db *DB) DeleteShortlist(ctx context.Context, owner, id string) error {
	return deleteOwned(ctx, db, `MATCH (n:Shortlist {id: $id}) WHERE n.owner = $owner DETACH DELETE n RETURN count(*) AS deleted`,
		owner, id, shortlistNotFound(id))
}

// deleteOwned runs a statement that deletes the owner's node id and
// returns how many it deleted, and answers notFound when that is none.
func deleteOwned(ctx context.Context, db *DB, query, owner, id string, notFound error) error {
	_, err := editTx(ctx, db, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		m, err := singleRow(ctx, tx, query, map[string]any{"owner": owner, "id": id})
		if err != nil {
			return struct{}{}, err
		}
		if m["deleted"].(int64) == 0 {
			return struct{}{}, notFound
		}
		return struct{}{}, nil
	})
	return err
}

// memberIDs checks the person ids of an add or a remove: at least one, at
// most a shortlist's worth, each once.
func memberIDs(ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, thelist.Errorf(thelist.EINVALID, "personIds: name at least one person")
	}
	if len(ids) > thelist.MaxShortlistSize {
		return nil, thelist.Errorf(thelist.EINVALID, "personIds: at most %d at a time", thelist.MaxShortlistSize)
	}
	seen := map[string]bool{}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}

// AddToShortlist puts people on the owner's shortlist id. Someone already
// on it keeps the date they were added; note, when given, becomes the note
// of every person named ("" clears it). Nothing is written when an id names
// no person (BAD_USER_INPUT naming them) or the list would pass
// MaxShortlistSize.
func (db *DB) AddToShortlist(ctx context.Context, owner, id string, personIDs []string, note *string,
	withMembers bool) (thelist.Shortlist, error) {
	ids, err := memberIDs(personIDs)
	if err != nil {
		return thelist.Shortlist{}, err
	}
	var noteValue any
	if note != nil {
		text, err := thelist.ListNote(*note)
		if err != nil {
			return thelist.Shortlist{}, err
		}
		if text != "" {
			noteValue = text
		}
	}
	query, params := shortlistStatement(`
		MATCH (list:Shortlist {id: $id}) WHERE list.owner = $owner
		WITH list, [x IN $personIds WHERE NOT EXISTS { MATCH (:Person {id: x}) }] AS missing,
			COUNT { MATCH (list)-[:LISTS]->(q:Person) WHERE NOT q.id IN $personIds } + size($personIds) AS sizeAfter
		CALL (list, missing, sizeAfter) {
			WITH list WHERE size(missing) = 0 AND sizeAfter <= $max
			UNWIND $personIds AS personId
			MATCH (p:Person {id: personId})
			MERGE (list)-[entry:LISTS]->(p)
				ON CREATE SET entry.addedAt = datetime(), entry.note = $note
				ON MATCH SET entry.note = CASE WHEN $noteGiven THEN $note ELSE entry.note END
			SET list.updatedAt = datetime()
			RETURN count(*) AS written
		}
		`+shortlistReturn(withMembers, "missing, sizeAfter, "), withMembers,
		map[string]any{"owner": owner, "id": id, "personIds": ids, "note": noteValue, "noteGiven": note != nil,
			"max": thelist.MaxShortlistSize})
	return editTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Shortlist, error) {
		l, row, err := runShortlist(ctx, tx, query, params)
		if err != nil {
			return l, err
		}
		if missing := strs(row, "missing"); len(missing) > 0 {
			return l, thelist.Errorf(thelist.EINVALID, "personIds: no person with id %s", strings.Join(missing, ", "))
		}
		if n, _ := row["sizeAfter"].(int64); n > thelist.MaxShortlistSize {
			return l, thelist.Errorf(thelist.EINVALID, "a shortlist holds at most %d people; this would make it %d", thelist.MaxShortlistSize, n)
		}
		return l, nil
	})
}

// RemoveFromShortlist takes people off the owner's shortlist id. An id not
// on the list is no error: the list ends up without them either way.
func (db *DB) RemoveFromShortlist(ctx context.Context, owner, id string, personIDs []string, withMembers bool) (thelist.Shortlist, error) {
	ids, err := memberIDs(personIDs)
	if err != nil {
		return thelist.Shortlist{}, err
	}
	query, params := shortlistStatement(`
		MATCH (list:Shortlist {id: $id}) WHERE list.owner = $owner
		CALL (list) {
			MATCH (list)-[entry:LISTS]->(p:Person) WHERE p.id IN $personIds
			DELETE entry
			RETURN count(*) AS removed
		}
		SET list.updatedAt = CASE WHEN removed > 0 THEN datetime() ELSE list.updatedAt END
		`+shortlistReturn(withMembers, ""), withMembers,
		map[string]any{"owner": owner, "id": id, "personIds": ids})
	return editTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.Shortlist, error) {
		l, _, err := runShortlist(ctx, tx, query, params)
		return l, err
	})
}

func decodeSavedSearch(v any) (thelist.SavedSearch, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return thelist.SavedSearch{}, fmt.Errorf("saved search: want a map, got %T", v)
	}
	s := thelist.SavedSearch{ID: str(m, "id"), Owner: str(m, "owner"), Name: str(m, "name"), Filter: str(m, "filter")}
	s.CreatedAt, _ = m["createdAt"].(time.Time) // always set on create
	s.UpdatedAt, _ = m["updatedAt"].(time.Time)
	return s, nil
}

const savedSearchProjection = `s { .id, .owner, .name, .filter, .createdAt, .updatedAt }`

// SavedSearches returns the owner's saved searches, the most recently saved
// first.
func (db *DB) SavedSearches(ctx context.Context, owner string) ([]thelist.SavedSearch, error) {
	return readTx(ctx, db, func(tx neo4j.ManagedTransaction) ([]thelist.SavedSearch, error) {
		return collectColumn(ctx, tx, `
			MATCH (s:SavedSearch) WHERE s.owner = $owner
			WITH s ORDER BY s.updatedAt DESC, s.id
			RETURN `+savedSearchProjection+` AS search`, map[string]any{"owner": owner}, "search", decodeSavedSearch)
	})
}

// SaveSearch keeps filter (the people query's where, as JSON) under name
// for owner. Saving under a name the owner already uses replaces that
// search's filter, as saving a file under its name does; a new name past
// MaxSavedSearches is refused.
func (db *DB) SaveSearch(ctx context.Context, owner, name, filter string) (thelist.SavedSearch, error) {
	name, err := thelist.ListName("name", name)
	if err != nil {
		return thelist.SavedSearch{}, err
	}
	if len(filter) > thelist.MaxSavedFilterSize {
		return thelist.SavedSearch{}, thelist.Errorf(thelist.EINVALID, "where: at most %d bytes as JSON", thelist.MaxSavedFilterSize)
	}
	params := map[string]any{"owner": owner, "name": name, "nameKey": listNameKey(owner, name), "filter": filter,
		"max": thelist.MaxSavedSearches}
	return editTx(ctx, db, func(tx neo4j.ManagedTransaction) (thelist.SavedSearch, error) {
		res, err := tx.Run(ctx, `
			OPTIONAL MATCH (other:SavedSearch) WHERE other.owner = $owner
			WITH count(other) AS owned, count(CASE WHEN other.nameKey = $nameKey THEN 1 END) AS replacing
			CALL (owned, replacing) {
				WITH owned, replacing WHERE replacing > 0 OR owned < $max
				MERGE (s:SavedSearch {nameKey: $nameKey})
					ON CREATE SET s.id = randomUUID(), s.owner = $owner, s.createdAt = datetime()
				SET s.name = $name, s.filter = $filter, s.updatedAt = datetime()
				RETURN collect(s) AS saved
			}
			WITH saved[0] AS s
			RETURN CASE WHEN s IS NULL THEN null ELSE `+savedSearchProjection+` END AS search`, params)
		if err != nil {
			return thelist.SavedSearch{}, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return thelist.SavedSearch{}, err
		}
		v, _ := rec.Get("search") // the one column
		if v == nil {
			return thelist.SavedSearch{}, thelist.Errorf(thelist.EINVALID,
				"you have %d saved searches, the most one key may keep: delete one first", thelist.MaxSavedSearches)
		}
		return decodeSavedSearch(v)
	})
}

// DeleteSavedSearch deletes the owner's saved search id.
func (db *DB) DeleteSavedSearch(ctx context.Context, owner, id string) error {
	return deleteOwned(ctx, db, `MATCH (n:SavedSearch {id: $id}) WHERE n.owner = $owner DELETE n RETURN count(*) AS deleted`,
		owner, id, thelist.Errorf(thelist.ENOTFOUND, "no saved search with id %q", id))
}
