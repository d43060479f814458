package importer

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// An encodingError says that a bundle file is not UTF-8 text. It ends the
// reading of its file: every row after the first bad byte would be damaged
// the same way, so one problem naming the encoding says all there is to say.
type encodingError struct {
	line int    // 1-based line of the first bad byte; 0 for the file as a whole
	msg  string // e.g. "is UTF-16 (little-endian), not UTF-8: save it as UTF-8"
}

func (e *encodingError) Error() string { return e.msg }

// sniffSize is how much of a file's start is read to tell UTF-16 and UTF-32
// without a byte-order mark from UTF-8: a few lines of a header and rows.
const sniffSize = 512

// newTextReader returns a reader of r's bytes that drops a UTF-8 byte-order
// mark and fails with an *encodingError when the file is UTF-16 or UTF-32
// (by its byte-order mark, or by the NUL bytes that those encodings put
// beside every ASCII character) or holds a byte sequence that is not UTF-8
// (Latin-1, Windows-1252, Shift JIS …), naming the line. Readers of CSV and
// JSON Lines read through it, so no field is ever decoded from bytes that
// are not UTF-8: JSON would turn them into U+FFFD without a word.
func newTextReader(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(sniffSize) // a shorter file peeks less; read errors come back from Read
	if name := utf16or32(head); name != "" {
		return &failedReader{err: &encodingError{msg: "is " + name + ", not UTF-8: save it as UTF-8"}}
	}
	if bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}) {
		if _, err := br.Discard(3); err != nil {
			return &failedReader{err: err}
		}
	}
	return &utf8Reader{r: br, line: 1}
}

// utf16or32 names the encoding of a file that starts with head when it is
// UTF-16 or UTF-32, and returns "" otherwise. Without a byte-order mark the
// NUL bytes tell: ASCII text in UTF-16 has a NUL in every other byte, on
// the same side of each pair, and in UTF-32 three bytes of every four. A
// stray NUL in UTF-8 text is left to the field check, which locates it.
func utf16or32(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}):
		return "UTF-32 (little-endian)"
	case bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}):
		return "UTF-32 (big-endian)"
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return "UTF-16 (little-endian)"
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "UTF-16 (big-endian)"
	}
	n := len(head) &^ 3
	if n < 4 {
		return ""
	}
	var nulAt [4]int // NUL bytes by position modulo 4
	for i, c := range head[:n] {
		if c == 0 {
			nulAt[i%4]++
		}
	}
	quarter := n / 4
	switch {
	case nulAt[1] == quarter && nulAt[2] == quarter && nulAt[3] == quarter:
		return "UTF-32 (little-endian)"
	case nulAt[0] == quarter && nulAt[1] == quarter && nulAt[2] == quarter:
		return "UTF-32 (big-endian)"
	case nulAt[1]+nulAt[3] >= n/4 && nulAt[0]+nulAt[2] == 0:
		return "UTF-16 (little-endian)"
	case nulAt[0]+nulAt[2] >= n/4 && nulAt[1]+nulAt[3] == 0:
		return "UTF-16 (big-endian)"
	}
	return ""
}

// failedReader fails every read with err.
type failedReader struct{ err error }

func (f *failedReader) Read([]byte) (int, error) { return 0, f.err }

// utf8Reader passes bytes through while checking that they are UTF-8,
// holding back the start of a character cut by the end of a read until the
// next read completes it.
type utf8Reader struct {
	r       io.Reader
	line    int    // the line the next byte passed on is on
	pending []byte // up to 3 bytes of a character begun in the last read
	err     error  // the first encoding error, returned once its bytes are out
}

func (u *utf8Reader) Read(p []byte) (int, error) {
	if u.err != nil {
		return 0, u.err
	}
	if len(p) <= len(u.pending) {
		// Too small to pass on anything after the held-back bytes safely.
		return 0, io.ErrShortBuffer
	}
	n := copy(p, u.pending)
	m, err := u.r.Read(p[n:])
	n += m
	chunk := p[:n]
	// Hold back an incomplete character at the end, unless the input ended.
	keep := 0
	if err == nil {
		keep = incompleteTail(chunk)
	}
	body := chunk[:n-keep]
	if bad := invalidAt(body); bad >= 0 {
		u.line += bytes.Count(body[:bad], []byte{'\n'})
		u.err = &encodingError{line: u.line, msg: notUTF8(body, bad)}
		// Pass on nothing of this chunk: the rows around the bad byte
		// would be parsed, and reported, as damaged.
		return 0, u.err
	}
	u.line += bytes.Count(body, []byte{'\n'})
	u.pending = append(u.pending[:0], chunk[n-keep:]...)
	if err == io.EOF && len(u.pending) > 0 {
		err = nil // the held-back bytes are checked by the next read
	}
	return n - keep, err
}

// incompleteTail returns how many bytes at the end of b begin a UTF-8
// character that b does not finish (0 to 3).
func incompleteTail(b []byte) int {
	for i := 1; i <= 3 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return 0 // ASCII: nothing begun
		}
		if c >= 0xC0 { // a lead byte: does the character fit in what is left?
			if !utf8.FullRune(b[len(b)-i:]) {
				return i
			}
			return 0
		}
	}
	return 0
}

// invalidAt returns the offset of the first byte of b that is not part of a
// valid UTF-8 character, or -1.
func invalidAt(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// notUTF8 describes the bad byte at b[i], quoting the text around it, and
// names the encoding that most likely wrote it.
func notUTF8(b []byte, i int) string {
	start := max(bytes.LastIndexByte(b[:i], '\n')+1, i-30)
	end := min(len(b), i+30)
	if nl := bytes.IndexByte(b[i:end], '\n'); nl >= 0 {
		end = i + nl
	}
	// In Latin-1 and Windows-1252 an accented letter is one byte of 0x80
	// or more, mostly followed by plain ASCII, which UTF-8 never writes.
	c := b[i]
	guess := "a legacy encoding such as Latin-1, Windows-1252, Shift JIS or GBK"
	if i+1 == len(b) || b[i+1] < 0x80 {
		guess = "Latin-1 or Windows-1252"
		if c >= 0xA0 {
			guess += fmt.Sprintf(", where 0x%02X is %q", c, rune(c))
		}
	}
	return fmt.Sprintf("is not UTF-8: byte 0x%02X in %q looks like %s: save the file as UTF-8", c, b[start:end], guess)
}
