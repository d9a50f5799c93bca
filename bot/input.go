package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/lexicon"
)

// MaxQuestionRunes is the longest question accepted, in characters.
const MaxQuestionRunes = 500

// Rejection says why a question was not looked up; channels may map it to their own status (HTTP
// 400, a Telegram hint). The Answer still carries a Chinese reply. It is not part of the JSON.
type Rejection string

// Reasons a question is rejected before retrieval.
const (
	RejectEmpty   Rejection = "empty"    // empty or blank
	RejectTooLong Rejection = "too_long" // over MaxQuestionRunes characters
	RejectNoText  Rejection = "no_text"  // only emoji, punctuation or symbols
	RejectControl Rejection = "control"  // control characters or invalid UTF-8
)

// Replies to rejected questions (lexicon/data/replies.txt).
var rejectionReplies = map[Rejection]string{
	RejectEmpty:   lexicon.Text("replies", "rejectEmpty"),
	RejectTooLong: lexicon.Text("replies", "rejectTooLong"),
	RejectNoText:  lexicon.Text("replies", "rejectNoText"),
	RejectControl: lexicon.Text("replies", "rejectControl"),
}

// englishReply answers a question in English the Chinese edition does not match.
var englishReply = lexicon.String("englishReply")

// CheckQuestion cleans a question for answering: line breaks and tabs become spaces, invisible
// format characters (zero-width space, BOM) are dropped, surrounding space is trimmed. It returns
// the cleaned question, or a Rejection ("" when acceptable).
func CheckQuestion(q string) (string, Rejection) {
	if !utf8.ValidString(q) {
		return "", RejectControl
	}
	var b strings.Builder
	for _, r := range q {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteRune(' ')
		case unicode.IsControl(r):
			return "", RejectControl
		case unicode.Is(unicode.Cf, r):
			// zero-width and BOM characters carry nothing
		default:
			b.WriteRune(r)
		}
	}
	clean := strings.TrimSpace(b.String())
	switch {
	case clean == "":
		return "", RejectEmpty
	case utf8.RuneCountInString(clean) > MaxQuestionRunes:
		return "", RejectTooLong
	case !hasWordRune(clean):
		return "", RejectNoText
	}
	return clean, ""
}

// hasWordRune reports whether s holds a letter or digit (emoji and punctuation are neither).
func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// englishStopwords are dropped from English questions before matching them to the Chinese text.
var englishStopwords = lexicon.Set("englishStopwords")
