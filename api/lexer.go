package api

import (
	"fmt"
	"unicode/utf8"
)

// The lexer reads a GraphQL document's tokens (GraphQL spec, October 2021,
// §2.1) so that the document can be measured before graphql-go parses it
// (measure.go). It is our own for two reasons: graphql-go's lexer offers no
// bound on what it reads, and the measuring must not share the parser's
// weaknesses. It accepts what the spec accepts; anything else is a syntax
// error, answered before graphql-go sees the document.

type tokenKind uint8

const (
	tokenPunctuator tokenKind = iota + 1 // ! $ & ( ) ... : = @ [ ] { | }
	tokenName
	tokenInt
	tokenFloat
	tokenString // a string or a block string
)

// token is one lexical token: its kind and where it is in the document.
// A punctuator is the byte at start (... is one token starting at its first
// dot).
type token struct {
	kind       tokenKind
	start, end int
}

// syntaxError is a document that does not lex or parse, with the place as
// graphql-go reports it: line and column, 1-based.
type syntaxError struct {
	line, column int
	message      string
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("Syntax Error GraphQL request (%d:%d) %s", e.line, e.column, e.message)
}

// tooManyTokens is a document with more tokens than it was allowed.
type tooManyTokens struct{ max int }

func (e *tooManyTokens) Error() string {
	return fmt.Sprintf("the document has more than %d tokens", e.max)
}

// lexer reads a document's tokens one at a time, comments and the ignored
// commas and white space left out, as graphql-js's maxTokens counts them.
// The parser pulls them as it goes, so a document is refused at its first
// token past a limit, and a huge one costs no more than a small one.
type lexer struct {
	text string
	pos  int
}

// next returns the next token, or false at the end of the document.
func (l *lexer) next() (token, bool, error) {
	l.skipIgnored()
	if l.pos >= len(l.text) {
		return token{}, false, nil
	}
	start := l.pos
	c := l.text[l.pos]
	switch {
	case c == '.':
		if l.pos+2 < len(l.text) && l.text[l.pos+1] == '.' && l.text[l.pos+2] == '.' {
			l.pos += 3
			return token{kind: tokenPunctuator, start: start, end: l.pos}, true, nil
		}
		return token{}, false, l.errorAt(start, `Unexpected character ".", did you mean "..."?`)
	case isPunctuator(c):
		l.pos++
		return token{kind: tokenPunctuator, start: start, end: l.pos}, true, nil
	case isNameStart(c):
		for l.pos++; l.pos < len(l.text) && isNameContinue(l.text[l.pos]); l.pos++ {
		}
		return token{kind: tokenName, start: start, end: l.pos}, true, nil
	case c == '-' || isDigit(c):
		kind, err := l.number()
		return token{kind: kind, start: start, end: l.pos}, err == nil, err
	case c == '"':
		var err error
		if l.pos+2 < len(l.text) && l.text[l.pos+1] == '"' && l.text[l.pos+2] == '"' {
			err = l.blockString()
		} else {
			err = l.string()
		}
		return token{kind: tokenString, start: start, end: l.pos}, err == nil, err
	}
	r, _ := utf8.DecodeRuneInString(l.text[l.pos:])
	return token{}, false, l.errorAt(start, fmt.Sprintf("Unexpected character %q.", r))
}

// skipIgnored skips white space, line terminators, commas, comments and
// the byte order mark.
func (l *lexer) skipIgnored() {
	for l.pos < len(l.text) {
		switch c := l.text[l.pos]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			l.pos++
		case c == '#':
			for l.pos < len(l.text) && l.text[l.pos] != '\n' && l.text[l.pos] != '\r' {
				l.pos++
			}
		case c == 0xEF && len(l.text) >= l.pos+3 && l.text[l.pos:l.pos+3] == "\uFEFF":
			l.pos += 3
		default:
			return
		}
	}
}

// number reads an IntValue or a FloatValue: -?(0|[1-9][0-9]*), then an
// optional fraction and exponent, and no name or dot right after it.
func (l *lexer) number() (tokenKind, error) {
	start := l.pos
	kind := tokenInt
	if l.text[l.pos] == '-' {
		l.pos++
	}
	if l.pos < len(l.text) && l.text[l.pos] == '0' {
		l.pos++
		if l.pos < len(l.text) && isDigit(l.text[l.pos]) {
			return 0, l.errorAt(l.pos, "Invalid number, unexpected digit after 0.")
		}
	} else if err := l.digits(); err != nil {
		return 0, err
	}
	if l.pos < len(l.text) && l.text[l.pos] == '.' {
		kind = tokenFloat
		l.pos++
		if err := l.digits(); err != nil {
			return 0, err
		}
	}
	if l.pos < len(l.text) && (l.text[l.pos] == 'e' || l.text[l.pos] == 'E') {
		kind = tokenFloat
		l.pos++
		if l.pos < len(l.text) && (l.text[l.pos] == '+' || l.text[l.pos] == '-') {
			l.pos++
		}
		if err := l.digits(); err != nil {
			return 0, err
		}
	}
	if l.pos < len(l.text) && (l.text[l.pos] == '.' || isNameStart(l.text[l.pos])) {
		return 0, l.errorAt(l.pos, fmt.Sprintf("Invalid number %q.", l.text[start:l.pos+1]))
	}
	return kind, nil
}

// digits reads one or more decimal digits.
func (l *lexer) digits() error {
	if l.pos >= len(l.text) || !isDigit(l.text[l.pos]) {
		return l.errorAt(l.pos, "Invalid number, expected digit.")
	}
	for l.pos < len(l.text) && isDigit(l.text[l.pos]) {
		l.pos++
	}
	return nil
}

// string reads a one-line string with its escapes.
func (l *lexer) string() error {
	start := l.pos
	for l.pos++; l.pos < len(l.text); {
		switch c := l.text[l.pos]; {
		case c == '"':
			l.pos++
			return nil
		case c == '\n' || c == '\r':
			return l.errorAt(start, "Unterminated string.")
		case c == '\\':
			if err := l.escape(); err != nil {
				return err
			}
		case c < 0x20 && c != '\t':
			return l.errorAt(l.pos, fmt.Sprintf("Invalid character within String: %q.", rune(c)))
		default:
			l.pos++
		}
	}
	return l.errorAt(start, "Unterminated string.")
}

// escape reads one escape sequence of a string: \" \\ \/ \b \f \n \r \t,
// \uXXXX or \u{X…}.
func (l *lexer) escape() error {
	at := l.pos
	if l.pos+1 >= len(l.text) {
		return l.errorAt(at, "Invalid escape sequence.")
	}
	switch l.text[l.pos+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		l.pos += 2
		return nil
	case 'u':
		l.pos += 2
		if l.pos < len(l.text) && l.text[l.pos] == '{' {
			n := 0
			for l.pos++; l.pos < len(l.text) && isHex(l.text[l.pos]); l.pos++ {
				n++
			}
			if n == 0 || n > 8 || l.pos >= len(l.text) || l.text[l.pos] != '}' {
				return l.errorAt(at, "Invalid Unicode escape sequence.")
			}
			l.pos++
			return nil
		}
		for i := 0; i < 4; i++ {
			if l.pos >= len(l.text) || !isHex(l.text[l.pos]) {
				return l.errorAt(at, "Invalid Unicode escape sequence.")
			}
			l.pos++
		}
		return nil
	}
	return l.errorAt(at, "Invalid escape sequence.")
}

// blockString reads a """block string""", in which only \""" is an escape.
func (l *lexer) blockString() error {
	start := l.pos
	for l.pos += 3; l.pos < len(l.text); {
		switch {
		case l.text[l.pos] == '"' && l.pos+2 < len(l.text) && l.text[l.pos+1] == '"' && l.text[l.pos+2] == '"':
			l.pos += 3
			return nil
		case l.text[l.pos] == '\\' && l.pos+3 < len(l.text) && l.text[l.pos+1:l.pos+4] == `"""`:
			l.pos += 4
		case l.text[l.pos] < 0x20 && l.text[l.pos] != '\t' && l.text[l.pos] != '\n' && l.text[l.pos] != '\r':
			return l.errorAt(l.pos, fmt.Sprintf("Invalid character within String: %q.", rune(l.text[l.pos])))
		default:
			l.pos++
		}
	}
	return l.errorAt(start, "Unterminated string.")
}

// errorAt is a syntax error at the byte offset at.
func (l *lexer) errorAt(at int, message string) *syntaxError {
	return syntaxErrorAt(l.text, at, message)
}

func syntaxErrorAt(text string, at int, message string) *syntaxError {
	line, column := 1, 1
	for i := 0; i < at && i < len(text); i++ {
		switch {
		case text[i] == '\n' || (text[i] == '\r' && (i+1 >= len(text) || text[i+1] != '\n')):
			line, column = line+1, 1
		case text[i] != '\r' && (text[i]&0xC0) != 0x80: // one column a character, not a byte
			column++
		}
	}
	return &syntaxError{line: line, column: column, message: message}
}

func isPunctuator(c byte) bool {
	switch c {
	case '!', '$', '&', '(', ')', ':', '=', '@', '[', ']', '{', '|', '}':
		return true
	}
	return false
}

func isNameStart(c byte) bool    { return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') }
func isNameContinue(c byte) bool { return isNameStart(c) || isDigit(c) }
func isDigit(c byte) bool        { return c >= '0' && c <= '9' }
func isHex(c byte) bool          { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') }
