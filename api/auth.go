package api

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"
	"github.com/graphql-go/graphql/language/ast"
)

// Codes for requests refused for who sent them.
const (
	codeUnauthenticated = "UNAUTHENTICATED" // no key, or a key we do not know, where one is needed
	codeForbidden       = "FORBIDDEN"       // a known key whose role is too low
)

// Role is what a caller may do. Roles are ordered: each may do what the ones
// below it may.
type Role int

const (
	RoleAnonymous Role = iota // no key: reads, when reads are open
	RoleReader                // reads, also when reads need a key
	RoleEditor                // reads and writes
)

func (r Role) String() string {
	switch r {
	case RoleReader:
		return "reader"
	case RoleEditor:
		return "editor"
	}
	return "anonymous"
}

// ParseRole reads a role name as written in THELIST_API_KEYS and key files.
func ParseRole(s string) (Role, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "reader":
		return RoleReader, nil
	case "editor":
		return RoleEditor, nil
	}
	return RoleAnonymous, fmt.Errorf("role %q: want reader or editor", s)
}

// Principal is who sent a request: a named key and its role, or nobody.
type Principal struct {
	Name string // the key's name, for logs and rate limits; never the key
	Role Role
}

// Anonymous reports whether the request came without a key.
func (p Principal) Anonymous() bool { return p.Role == RoleAnonymous }

type principalKey struct{}

func withPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns who sent the request ctx belongs to; anonymous when
// no key came with it.
func PrincipalFrom(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal) // absent: the zero Principal is anonymous
	return p
}

// requireRole is what a resolver that writes calls first: nil when the
// caller holds role (or a higher one), UNAUTHENTICATED when no key came,
// FORBIDDEN when the key's role is too low.
func requireRole(ctx context.Context, role Role) error {
	p := PrincipalFrom(ctx)
	switch {
	case p.Role >= role:
		return nil
	case p.Anonymous():
		return newGQLError(codeUnauthenticated, "this needs an API key with the "+role.String()+" role: send it as Authorization: Bearer <key>")
	default:
		return newGQLError(codeForbidden, "the key "+p.Name+" has the "+p.Role.String()+" role; this needs "+role.String())
	}
}

// mutationRole is the role a mutation operation needs: a reader's when
// every root field writes only the caller's own lists (readerMutations),
// an editor's otherwise. A fragment at the root is taken to need an editor,
// which at worst refuses a request that a plain field list would pass.
func mutationRole(op *ast.OperationDefinition) Role {
	if op.SelectionSet == nil {
		return RoleEditor
	}
	for _, sel := range op.SelectionSet.Selections {
		f, ok := sel.(*ast.Field)
		if !ok || f.Name == nil || !readerMutations[f.Name.Value] {
			return RoleEditor
		}
	}
	return RoleReader
}

// Access says who may do what: whether reads need a key, and the keys we
// know, by the SHA-256 of the key so that neither the server's memory nor
// its key file holds a usable key.
type Access struct {
	ReadsNeedKey bool
	keys         map[[32]byte]Principal
}

// HashKey is the hex SHA-256 of a key, as key files hold it; the same as
// `printf %s "$KEY" | sha256sum`.
func HashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// AddKey makes key known with role. name is what logs and metrics show.
func (a *Access) AddKey(name, key string, role Role) {
	a.addHash(name, sha256.Sum256([]byte(key)), role)
}

func (a *Access) addHash(name string, hash [32]byte, role Role) {
	if a.keys == nil {
		a.keys = map[[32]byte]Principal{}
	}
	a.keys[hash] = Principal{Name: name, Role: role}
}

// ParseKeys reads keys in the form of THELIST_API_KEYS:
// "key1:editor,key2:reader:newsroom". An entry is key:role, or
// key:role:name. A key without a name is named by the start of its hash,
// which is safe to log; a name makes the key one of the name's keys, and
// the name owns shortlists and saved searches, so two keys of one name
// (the old and the new one while a key is rotated) share them, as lines of
// a keys file with one name do.
//
// An entry is read from its end, since a key may hold colons and a role or
// name may not: when what follows the last colon is a role, the entry is
// key:role, as it always was; otherwise it is the name, and the role comes
// before it. Errors name an entry by its position and never quote it, so a
// key never reaches a log.
func (a *Access) ParseKeys(s string) error {
	for n, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		key, role, name, err := parseKeyEntry(item)
		if err != nil {
			return fmt.Errorf("API keys (THELIST_API_KEYS), entry %d: %w", n+1, err)
		}
		if name == "" {
			name = "key-" + HashKey(key)[:8]
		}
		a.AddKey(name, key, role)
	}
	return nil
}

// keyEntryForms is how ParseKeys's errors describe an entry.
const keyEntryForms = "want key:role or key:role:name, role reader or editor"

// parseKeyEntry splits one entry of THELIST_API_KEYS; name is "" for an
// entry without one. Its errors quote nothing of the entry.
func parseKeyEntry(item string) (key string, role Role, name string, err error) {
	head, last, ok := cutLast(item, ':')
	if !ok {
		return "", 0, "", errors.New(keyEntryForms)
	}
	if role, err := ParseRole(last); err == nil {
		if head == "" {
			return "", 0, "", errors.New("the key is empty; " + keyEntryForms)
		}
		if _, tail, ok := cutLast(head, ':'); ok {
			if _, err := ParseRole(tail); err == nil {
				// key:editor:reader is a name that is a role, or a key
				// that ends in one: refused rather than guessed.
				return "", 0, "", errors.New("a name may not be a role; " + keyEntryForms)
			}
		}
		return head, role, "", nil
	}
	key, roleName, ok := cutLast(head, ':')
	if !ok {
		return "", 0, "", errors.New(keyEntryForms)
	}
	if role, err = ParseRole(roleName); err != nil {
		return "", 0, "", errors.New("no role before the name; " + keyEntryForms)
	}
	if key == "" {
		return "", 0, "", errors.New("the key is empty; " + keyEntryForms)
	}
	if last == "" || strings.ContainsFunc(last, unicode.IsSpace) {
		return "", 0, "", errors.New("the name is empty or has spaces; " + keyEntryForms)
	}
	return key, role, last, nil
}

// cutLast slices s around the last sep.
func cutLast(s string, sep byte) (before, after string, found bool) {
	if i := strings.LastIndexByte(s, sep); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// LoadKeysFile reads a key file: one key a line, as "sha256-hex role name",
// blank lines and lines starting with # ignored.
func (a *Access) LoadKeysFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("API keys file: %w", err)
	}
	defer f.Close()
	if err := a.readKeys(f); err != nil {
		return fmt.Errorf("API keys file %s: %w", path, err)
	}
	return nil
}

func (a *Access) readKeys(r io.Reader) error {
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		parts := strings.Fields(text)
		if len(parts) != 3 {
			return fmt.Errorf("line %d: want \"sha256-hex role name\"", line)
		}
		raw, err := hex.DecodeString(parts[0])
		if err != nil || len(raw) != sha256.Size {
			// Not quoted: a key pasted where its hash belongs must not reach a log.
			return fmt.Errorf("line %d: the first field is not a hex SHA-256 (make one with: printf %%s \"$KEY\" | sha256sum)", line)
		}
		role, err := ParseRole(parts[1])
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		a.addHash(parts[2], [32]byte(raw), role)
	}
	return sc.Err()
}

// authenticate finds the principal of an Authorization header: anonymous
// when there is none, an error when there is one we do not know. A wrong
// key is refused even for reads that need none, so a client with a typo
// finds out before it tries to write.
func (a *Access) authenticate(header string) (Principal, error) {
	if header == "" {
		return Principal{}, nil
	}
	scheme, key, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
		return Principal{}, newGQLError(codeUnauthenticated, "Authorization: want Bearer <key>")
	}
	// A map lookup by hash leaks, by its timing, at most something about
	// the hash of the key sent, which does not help to guess a key.
	p, ok := a.keys[sha256.Sum256([]byte(strings.TrimSpace(key)))]
	if !ok {
		return Principal{}, newGQLError(codeUnauthenticated, "unknown API key")
	}
	return p, nil
}

// readsNeedKey refuses an anonymous request with 401 when reads need a key
// (--reads key): the published schema follows the reads setting, as
// /graphql does, so a server closed to the public does not describe itself
// to it either. It runs after authenticate.
func (s *Server) readsNeedKey() gin.HandlerFunc {
	return func(c *gin.Context) {
		if s.access.ReadsNeedKey && PrincipalFrom(c.Request.Context()).Anonymous() {
			c.Header("WWW-Authenticate", `Bearer realm="thelist"`)
			s.refuse(c, http.StatusUnauthorized, codeUnauthenticated, "this server needs an API key for every request: send it as Authorization: Bearer <key>")
			return
		}
		c.Next()
	}
}
