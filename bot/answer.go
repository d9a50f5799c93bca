package bot

import "encoding/json"

// Answer is the reply to one question; its JSON form is the answer contract of DESIGN.md
// (`newsbot ask --json`, POST /api/ask).
type Answer struct {
	Question     string     `json:"question"`
	Answer       string     `json:"answer"`
	Found        bool       `json:"found"`
	Citations    []Citation `json:"citations"`
	Conversation string     `json:"conversation"`
	// Explain says why it answered or refused, when the context asked (WithExplain).
	Explain *Explanation `json:"explain,omitempty"`

	// Rejected is set when the question was refused before retrieval (empty, too long, no words,
	// control characters); Answer then holds the Chinese reply. Not part of the JSON contract.
	Rejected Rejection `json:"-"`
	// Turn is the turn this answer added to its conversation, as opaque JSON: kept beside the
	// message that carried the answer (a Telegram message ID), it lets a reply to that message
	// continue from this answer (AskFrom) on any replica and after the conversation moved on. Not
	// part of the JSON contract.
	Turn json.RawMessage `json:"-"`
}

// Citation is one numbered source of an answer. Quote is an exact substring of the article's text
// after width folding; Edition labels paper, date and page as far as they are known.
type Citation struct {
	N         int    `json:"n"`
	ArticleID string `json:"article_id"`
	Title     string `json:"title"`
	Byline    string `json:"byline"`
	Edition   string `json:"edition"`
	Page      string `json:"page"`
	Quote     string `json:"quote"`
}
