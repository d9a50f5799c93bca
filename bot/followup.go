package bot

import (
	"newsbot/bot/internal/core"
	"newsbot/bot/internal/intent"
	"strings"

	"newsbot/lexicon"
)

// Follow-up resolution. A follow-up leaves out its subject ("那人口呢？", "它在哪里？",
// "这个项目投资多少？"); the subject comes from the previous turn: its content runs become extra
// terms (at half weight, so the new question's own words lead), the retrieval query carries them,
// and the previous answer's article is preferred.

// topicWeight is the weight of terms inherited from the previous turn.
const topicWeight = 0.5

// followUpKind grades how clearly a question leans on the previous turn.
type followUpKind int

const (
	standalone    followUpKind = iota
	maybeFollowUp              // short; resolved only if it cannot be answered alone
	followUp                   // pronoun, 那…, …呢: resolved
)

// classifyFollowUp grades q (raw question, cleaned).
func classifyFollowUp(q intent.Intent) followUpKind {
	raw := strings.TrimSpace(intent.Fold(q.Raw))
	body := strings.TrimRight(raw, "?？!！。. ")
	for _, o := range intent.FollowUpOpeners {
		if strings.HasPrefix(body, o) {
			return followUp
		}
	}
	for _, p := range intent.Pronouns {
		if strings.Contains(body, p) {
			return followUp
		}
	}
	content := 0
	for _, r := range intent.RunsOf(q.Norm, q.QWord) {
		content += intent.RuneLen(r)
	}
	if strings.HasSuffix(body, "呢") && content <= 6 {
		return followUp
	}
	if content <= 4 {
		return maybeFollowUp
	}
	return standalone
}

// resolve completes q from the last turn. Without history it returns q as it stands.
func resolve(q intent.Intent, hist []turn) core.Resolution {
	own := intent.RunsOf(q.Norm, q.QWord)
	res := core.Resolution{Q: q, TopicRuns: core.CapRuns(own), Query: q.Raw, Resolved: q.Raw}
	if len(hist) == 0 {
		return res
	}
	prev := hist[len(hist)-1]
	if len(prev.Topic) == 0 {
		return res
	}
	topic := make([]string, 0, len(prev.Topic))
	for _, r := range prev.Topic {
		// "第二水厂投资多少？" → "它的水源在哪？": the subject is 第二水厂, not what was measured of it.
		if r = withoutMeasure(r); r != "" {
			topic = append(topic, r)
		}
	}
	if len(topic) == 0 {
		return res
	}
	topic = withSiblings(topic, own)
	for _, r := range topic {
		for _, t := range intent.ContentTerms(r, "", topicWeight) {
			res.Topic = append(res.Topic, t)
		}
	}
	if q.Type == intent.Other {
		res.Q = res.Q.Retyped(prev.Type)
	}
	subject := topic[0]
	res.Resolved = restoreSubject(q.Raw, subject)
	res.Query = res.Resolved + " " + strings.Join(topic, " ")
	res.TopicRuns = core.CapRuns(append(append([]string(nil), topic...), own...))
	if prev.Found {
		res.PrevArticle = prev.ArticleID
	}
	return res
}

// The words restoreSubject looks for (lexicon section [restoreSubject]).
var restoreSubjectWords = lexicon.Words("restoreSubject")

// restoreSubject puts subject in place of a pronoun or opener of a follow-up ("它在哪里？" →
// "安康医疗高端手术器械项目在哪里？"), or before it when there is none ("那人口呢？" → "达茂旗人口呢？").
func restoreSubject(raw, subject string) string {
	body := strings.TrimSpace(raw)
	for _, o := range restoreSubjectWords {
		if strings.HasPrefix(body, o) {
			body = strings.TrimSpace(strings.TrimPrefix(body, o))
			body = strings.TrimLeft(body, ",，、 ")
			break
		}
	}
	for _, p := range intent.Pronouns {
		if strings.Contains(body, p) {
			return strings.Replace(body, p, subject, 1)
		}
	}
	if strings.Contains(body, subject) {
		return body
	}
	return subject + body
}

// topicMeasures are what a number question measures of its subject ("第二水厂投资", "北接线全长").
var topicMeasures = lexicon.Words("topicMeasures")

// withoutMeasure drops a measure from the end of a topic run, keeping its subject; a run that is
// only a measure gives "".
func withoutMeasure(run string) string {
	for _, m := range topicMeasures {
		if strings.HasSuffix(run, m) {
			return strings.TrimSuffix(run, m)
		}
	}
	return run
}

// siblingRunes tell siblings of one kind apart: 一期/二期, 出口/进口, 男子组/女子组.
var siblingRunes = lexicon.String("siblingRunes")

// withSiblings puts a follow-up's sibling in place of the one the topic names: after "生态廊道一期
// 什么时候建成开放的？", "那二期呢？" asks about 生态廊道二期, not 生态廊道一期二期.
func withSiblings(topic, own []string) []string {
	out := append([]string(nil), topic...)
	for _, r := range own {
		rr := []rune(r)
		if len(rr) != 2 || !strings.ContainsRune(siblingRunes, rr[0]) {
			continue
		}
		for k, t := range out {
			tr := []rune(t)
			for i := 0; i+1 < len(tr); i++ {
				if tr[i+1] == rr[1] && tr[i] != rr[0] && strings.ContainsRune(siblingRunes, tr[i]) {
					tr[i] = rr[0]
					out[k] = string(tr)
					break
				}
			}
		}
	}
	return out
}
