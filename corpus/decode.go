package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Encoding names Edition.Encoding takes.
const (
	EncUTF8    = "UTF-8"
	EncUTF16LE = "UTF-16LE"
	EncUTF16BE = "UTF-16BE"
	EncGB18030 = "GB18030"
	EncBig5    = "Big5"
)

// sampleSize bounds how much of a file the encoding guess decodes per candidate.
const sampleSize = 64 << 10

type candidate struct {
	name string
	enc  encoding.Encoding
}

var (
	utf16le = xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	utf16be = xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
)

// decode turns the bytes of a file into UTF-8 text and names the encoding it found: a BOM first,
// then valid UTF-8, then the decoding (UTF-16 either way, GB18030 which covers GBK and GB2312,
// Big5) whose text looks most like Chinese.
func decode(data []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		rest := data[3:]
		if !utf8.Valid(rest) {
			return "", "", fmt.Errorf("%w: UTF-8 BOM but invalid UTF-8", ErrUndecodable)
		}
		return string(rest), EncUTF8, checkText(string(rest))
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return "", "", fmt.Errorf("%w: UTF-32 is not supported", ErrUndecodable)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(data[2:], candidate{EncUTF16LE, utf16le})
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(data[2:], candidate{EncUTF16BE, utf16be})
	}
	if utf8.Valid(data) {
		s := string(data)
		return s, EncUTF8, checkText(s)
	}
	if nearlyUTF8(data) { // UTF-8 with a damaged byte here and there: the damage is marked, not fatal
		s := strings.ToValidUTF8(string(data), "\uFFFD")
		return s, EncUTF8, checkText(s)
	}
	// Every candidate is tried on a sample (binary data fails them all); UTF-16 first when its
	// zero bytes show.
	cands := []candidate{{EncGB18030, simplifiedchinese.GB18030}, {EncBig5, traditionalchinese.Big5}}
	if len(data)%2 == 0 {
		u16 := []candidate{{EncUTF16LE, utf16le}, {EncUTF16BE, utf16be}}
		if utf16ZeroPattern(data) {
			cands = append(u16, cands...)
		} else {
			cands = append(cands, u16...)
		}
	}
	best, bestScore, bestOK := candidate{}, 0.0, false
	sample := data
	if len(sample) > sampleSize {
		sample = sample[:sampleSize]
	}
	for _, c := range cands {
		s, err := c.enc.NewDecoder().String(string(sample))
		if err != nil {
			continue
		}
		sc, ok := scoreText(s, len(sample) < len(data))
		if ok && (!bestOK || sc > bestScore) {
			best, bestScore, bestOK = c, sc, true
		}
	}
	if !bestOK {
		if looksBinary(data) {
			return "", "", ErrBinary
		}
		return "", "", fmt.Errorf("%w: not UTF-8, UTF-16, GB18030/GBK or Big5", ErrUndecodable)
	}
	return decodeWith(data, best)
}

func decodeWith(data []byte, c candidate) (string, string, error) {
	s, err := c.enc.NewDecoder().String(string(data))
	if err != nil {
		return "", "", fmt.Errorf("%w: as %s: %v", ErrUndecodable, c.name, err)
	}
	// Invalid sequences come out as U+FFFD: a few are tolerated (a damaged byte), many are not.
	if bad := strings.Count(s, "\uFFFD"); bad > 0 && bad*100 > utf8.RuneCountInString(s) {
		return "", "", fmt.Errorf("%w: as %s: %d invalid sequences", ErrUndecodable, c.name, bad)
	}
	sample := s[:min(len(s), sampleSize)]
	if _, ok := scoreText(sample, len(sample) < len(s)); !ok {
		return "", "", fmt.Errorf("%w: as %s: not likely text", ErrUndecodable, c.name)
	}
	return s, c.name, checkText(s)
}

// checkText refuses decoded text that is really binary data (NULs, control characters).
func checkText(s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return ErrBinary
	}
	sample := s[:min(len(s), sampleSize)] // binary data shows at once
	bad := 0
	for i := 0; i < len(sample); i++ { // control characters are single bytes in UTF-8
		if c := sample[i]; (c < 0x20 || c == 0x7F) && isControl(rune(c)) {
			bad++
		}
	}
	if bad*600 > len(sample) { // about one in 200 characters
		return ErrBinary
	}
	return nil
}

func isControl(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\f', '\v':
		return false
	}
	return r < 0x20 || r == 0x7F
}

// looksBinary reports NUL bytes or many control bytes in the first 8 KB.
func looksBinary(data []byte) bool {
	if len(data) > 8192 {
		data = data[:8192]
	}
	ctl := 0
	for _, b := range data {
		if b == 0 {
			return true
		}
		if isControl(rune(b)) {
			ctl++
		}
	}
	return ctl*100 > len(data)
}

// utf16ZeroPattern reports the zero bytes of ASCII text in UTF-16: mostly on one side of each
// byte pair.
func utf16ZeroPattern(data []byte) bool {
	if len(data) > 8192 {
		data = data[:8192]
	}
	var even, odd int
	for i := 0; i+1 < len(data); i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := len(data) / 2
	// CJK code points ending in 00 (一 is U+4E00) put some zeros on the other side.
	return pairs > 0 && (even*4 < odd || odd*4 < even) && (even+odd)*50 > pairs
}

// scoreText scores how much a decoding looks like Chinese (or plain ASCII) text and says whether
// it is acceptable at all. truncated says s was cut from a longer text (a broken last character
// is then expected).
func scoreText(s string, truncated bool) (float64, bool) {
	common := commonSet()
	var n, ascii, han, frequent, bad int
	for _, r := range s {
		n++
		switch {
		case r == utf8.RuneError, isControl(r), r >= 0xE000 && r <= 0xF8FF, r >= 0xD800 && r <= 0xDFFF:
			bad++
		case r < 0x80:
			ascii++
		case unicode.Is(unicode.Han, r):
			han++
			if common[r] {
				frequent++
			}
		}
	}
	if truncated && bad > 0 {
		bad--
	}
	if n == 0 {
		return 0, false
	}
	score := float64(ascii) + 3*float64(frequent) - float64(han-frequent) - 5*float64(bad)
	ok := bad*100 <= n && (han == 0 || frequent*10 >= han*4)
	return score / float64(n), ok
}

var commonSet = sync.OnceValue(func() map[rune]bool {
	m := make(map[rune]bool, 2200)
	for _, r := range commonHan {
		m[r] = true
	}
	return m
})

// nearlyUTF8 reports UTF-8 text with at most one invalid sequence in a thousand bytes (and some
// valid multi-byte characters, so that it is UTF-8 at all).
func nearlyUTF8(data []byte) bool {
	if len(data) > sampleSize && !nearlyUTF8(data[:sampleSize]) { // GBK and the like fail at once
		return false
	}
	invalid, multi := 0, 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			multi++
		}
		i += size
	}
	return multi > 0 && invalid*1000 <= len(data) && invalid*10 < multi
}
