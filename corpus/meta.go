package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// NormalizeDate checks a date given by the user (the ingest --date flag) and writes it
// YYYY-MM-DD; it accepts YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD and YYYY.MM.DD. The error wraps
// ErrBadDate.
func NormalizeDate(s string) (string, error) {
	d, ok := normalizeDate(s)
	if !ok {
		return "", fmt.Errorf("%w: %q, want YYYY-MM-DD", ErrBadDate, s)
	}
	return d, nil
}

// ErrBadDate is wrapped when a date given in Meta is not a calendar date.
var ErrBadDate = errors.New("bad date")

// normalizeDate accepts YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD and YYYY.MM.DD (one-digit month and day
// allowed with separators) and returns YYYY-MM-DD when it is a real calendar date.
func normalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	var y, m, d int
	var err error
	if len(s) == 8 && allDigits(s) {
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[4:6])
		d, _ = strconv.Atoi(s[6:])
	} else {
		parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
		if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) > 2 || len(parts[2]) > 2 {
			return "", false
		}
		if y, err = strconv.Atoi(parts[0]); err != nil {
			return "", false
		}
		if m, err = strconv.Atoi(parts[1]); err != nil {
			return "", false
		}
		if d, err = strconv.Atoi(parts[2]); err != nil {
			return "", false
		}
	}
	return makeDate(y, m, d)
}

// makeDate formats a date when it exists in the calendar (years 1900-2199).
func makeDate(y, m, d int) (string, bool) {
	if y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// dateFromPath finds a date written YYYY-MM-DD (or with _ / . separators) or YYYYMMDD in a path,
// the base name first, then the folders from the innermost. A run of more than eight digits is
// not a date (it is an ID or a hash).
func dateFromPath(path string) string {
	path = filepath.ToSlash(path)
	parts := strings.Split(path, "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if d := dateInName(parts[i]); d != "" {
			return d
		}
	}
	// A date split over folders: …/2024/11/08/…
	for i := 0; i+2 < len(parts); i++ {
		if len(parts[i]) == 4 && allDigits(parts[i]) && len(parts[i+1]) <= 2 && allDigits(parts[i+1]) &&
			len(parts[i+2]) <= 2 && allDigits(parts[i+2]) {
			if d, ok := normalizeDate(parts[i] + "-" + parts[i+1] + "-" + parts[i+2]); ok {
				return d
			}
		}
	}
	return ""
}

func dateInName(s string) string {
	for i := 0; i+8 <= len(s); i++ {
		if i > 0 && isDigit(s[i-1]) {
			continue
		}
		if !isDigit(s[i]) {
			continue
		}
		// YYYY-MM-DD with one separator kind
		if i+10 <= len(s) && allDigits(s[i:i+4]) && isDateSep(s[i+4]) && s[i+7] == s[i+4] &&
			allDigits(s[i+5:i+7]) && allDigits(s[i+8:i+10]) && (i+10 == len(s) || !isDigit(s[i+10])) {
			if d, ok := makeDate(atoi(s[i:i+4]), atoi(s[i+5:i+7]), atoi(s[i+8:i+10])); ok {
				return d
			}
		}
		if allDigits(s[i:i+8]) && (i+8 == len(s) || !isDigit(s[i+8])) {
			if d, ok := makeDate(atoi(s[i:i+4]), atoi(s[i+4:i+6]), atoi(s[i+6:i+8])); ok {
				return d
			}
		}
	}
	return ""
}

func isDigit(b byte) bool   { return b >= '0' && b <= '9' }
func isDateSep(b byte) bool { return b == '-' || b == '_' || b == '.' }
func atoi(s string) int     { n, _ := strconv.Atoi(s); return n }
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// editionID is stable for the same edition: paper, date and the file's base name (so re-ingesting
// a file replaces its edition rather than duplicating it).
func editionID(ed *Edition) string {
	return shortHash("edition\x00" + ed.Paper + "\x00" + ed.Date + "\x00" + ed.Source)
}

// articleID is stable for the same item of the same edition: the edition's ID, the item's
// position and its headline; a JSON Lines record's own id when it has one.
func articleID(editionID string, index int, record string, a *Article) string {
	if record != "" {
		return shortHash("record\x00" + editionID + "\x00" + record)
	}
	return shortHash("article\x00" + editionID + "\x00" + strconv.Itoa(index) + "\x00" + a.Kicker + "\x00" + a.Title)
}
