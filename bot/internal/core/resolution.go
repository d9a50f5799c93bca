package core

import "newsbot/bot/internal/intent"

// Resolution is a question with its subject restored from the conversation.
type Resolution struct {
	Q           intent.Intent
	Topic       []intent.Term // inherited terms (weight topicWeight)
	TopicRuns   []string      // runs carried to the next turn
	Query       string        // retrieval query
	Resolved    string        // readable resolved question
	PrevArticle string
}

func CapRuns(runs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range runs {
		if !seen[r] && len(out) < maxTopicRuns {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// maxTopicRuns bounds what a chain of follow-ups carries along.
const maxTopicRuns = 6
