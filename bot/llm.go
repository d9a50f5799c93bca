package bot

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"newsbot/bot/internal/intent"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/ollama"
	"github.com/tmc/langchaingo/llms/openai"

	"newsbot/bot/internal/core"
	"newsbot/lexicon"
)

// Generative mode: the LLM writes the answer from numbered passages cut from the retrieved
// articles; the reply is validated (unknown [n] dropped, at least one valid citation, quotes
// re-checked) and the extractive answer stands in on timeout, error or an invalid reply.

// DefaultLLMTimeout bounds one LLM call when Options.LLMTimeout is 0.
const DefaultLLMTimeout = 20 * time.Second

// llmMaxTokens bounds a reply: a concise answer is one or two sentences.
const llmMaxTokens = 400

// llmPassages and sentencesPerPassage size the prompt.
const (
	llmPassages         = 4
	sentencesPerPassage = 3
	maxReplyRunes       = 800
)

// noKey stands in for the API key of OpenAI-compatible servers that need none (a local vLLM,
// llama.cpp…): langchaingo refuses an empty key.
const noKey = "no-key"

// refusalMarker is what the prompt asks the model to say when the passages do not answer.
var refusalMarker = lexicon.Text("llm", "refusal")

// NewOpenAIModel returns a chat model on an OpenAI-compatible API (DeepSeek, Qwen/DashScope, a
// local vLLM…). baseURL is the API root, e.g. "https://api.deepseek.com/v1"; key may be empty for
// servers without one. Requests send their reply limit as max_tokens, which such servers expect.
func NewOpenAIModel(baseURL, model, key string) (llms.Model, error) {
	if err := checkServerURL(baseURL); err != nil {
		return nil, fmt.Errorf("bot: OpenAI-compatible base URL: %w", err)
	}
	if strings.TrimSpace(model) == "" {
		return nil, errors.New("bot: OpenAI-compatible model: empty name")
	}
	if key == "" {
		key = noKey
	}
	m, err := openai.New(openai.WithBaseURL(baseURL), openai.WithModel(model), openai.WithToken(key))
	if err != nil {
		return nil, fmt.Errorf("bot: OpenAI-compatible model %q: %w", model, err)
	}
	return m, nil
}

// NewOllamaModel returns a chat model served by Ollama at serverURL (e.g. http://127.0.0.1:11434).
// The URL is checked first: langchaingo's ollama client exits the process on a bad one.
func NewOllamaModel(serverURL, model string) (llms.Model, error) {
	if err := checkServerURL(serverURL); err != nil {
		return nil, fmt.Errorf("bot: Ollama server URL: %w", err)
	}
	if strings.TrimSpace(model) == "" {
		return nil, errors.New("bot: Ollama model: empty name")
	}
	m, err := ollama.New(ollama.WithServerURL(serverURL), ollama.WithModel(model))
	if err != nil {
		return nil, fmt.Errorf("bot: Ollama model %q: %w", model, err)
	}
	return m, nil
}

// checkServerURL accepts absolute http(s) URLs with a host.
func checkServerURL(raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return fmt.Errorf("%q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q: want an http:// or https:// URL", raw)
	}
	if u.Host == "" {
		return fmt.Errorf("%q: no host", raw)
	}
	return nil
}

// passage is one numbered excerpt given to the model.
type passage struct {
	N     int
	Cand  *core.Candidate
	Sents []int // sentence indexes, in text order
}

// promptTemplate is the Chinese instruction (lexicon [llm]); %s are the passages and the question.
var promptTemplate = strings.ReplaceAll(lexicon.Text("llm", "prompt"), "{refusal}", refusalMarker)

// buildPassages picks, for each of the first candidates, its sentences most relevant to the
// question (the extractive pick's sentences always among them).
func buildPassages(att attempt) []passage {
	var ps []passage
	for _, c := range att.Cands {
		if len(ps) == llmPassages {
			break
		}
		idx := topSentences(c, append(append([]intent.Term(nil), att.Res.Q.Terms...), att.Res.Topic...), sentencesPerPassage)
		if att.Pick.Cand == c && !att.Pick.Byline {
			idx = mergeIndexes(idx, att.Pick.From, att.Pick.Sent)
		}
		if len(idx) == 0 {
			continue
		}
		ps = append(ps, passage{N: len(ps) + 1, Cand: c, Sents: idx})
	}
	return ps
}

// topSentences returns the indexes (in text order) of the n sentences of c sharing most terms
// with the question; none when no sentence shares any.
func topSentences(c *core.Candidate, terms []intent.Term, n int) []int {
	type scored struct {
		i int
		w float64
	}
	var ss []scored
	for i, s := range c.Folded {
		w := 0.0
		for _, t := range terms {
			if strings.Contains(s, t.Text) {
				w += t.Weight
			}
		}
		if w > 0 {
			ss = append(ss, scored{i, w})
		}
	}
	sort.SliceStable(ss, func(a, b int) bool { return ss[a].w > ss[b].w })
	var idx []int
	for k := 0; k < len(ss) && k < n; k++ {
		idx = append(idx, ss[k].i)
	}
	sort.Ints(idx)
	return idx
}

func mergeIndexes(idx []int, more ...int) []int {
	seen := map[int]bool{}
	for _, i := range idx {
		seen[i] = true
	}
	for _, i := range more {
		if !seen[i] {
			seen[i] = true
			idx = append(idx, i)
		}
	}
	sort.Ints(idx)
	return idx
}

// renderPrompt fills the template.
func renderPrompt(question string, ps []passage) string {
	var b strings.Builder
	for _, p := range ps {
		a := p.Cand.Article
		fmt.Fprintf(&b, "[%d] 《%s》", p.N, a.Headline())
		var meta []string
		for _, m := range []string{a.Byline, a.EditionLabel()} {
			if m != "" {
				meta = append(meta, m)
			}
		}
		if len(meta) > 0 {
			fmt.Fprintf(&b, "（%s）", strings.Join(meta, "，"))
		}
		b.WriteString("\n")
		for k, i := range p.Sents {
			if k > 0 && i > p.Sents[k-1]+1 {
				b.WriteString("……") // sentences left out between
			}
			b.WriteString(a.Text[p.Cand.Sents[i].Start:p.Cand.Sents[i].End])
		}
		b.WriteString("\n\n")
	}
	return fmt.Sprintf(promptTemplate, b.String(), question)
}

// generate asks the LLM. ok false means: use the extractive answer (the reason is logged).
func (e *Engine) generate(ctx context.Context, att attempt, ext Answer) (Answer, bool) {
	ps := buildPassages(att)
	if len(ps) == 0 {
		return Answer{}, false
	}
	timeout := e.opts.LLMTimeout
	if timeout <= 0 {
		timeout = DefaultLLMTimeout
	}
	callCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	started := time.Now()
	reply, err := llms.GenerateFromSinglePrompt(callCtx, e.opts.LLM, renderPrompt(att.Res.Resolved, ps),
		llms.WithMaxTokens(llmMaxTokens), llms.WithTemperature(0), openai.WithLegacyMaxTokensField())
	if err != nil {
		e.log.Warn("llm call failed; answering extractively", "err", err, "elapsed", time.Since(started))
		return Answer{}, false
	}
	ans, err := validateReply(reply, ps, att)
	if err != nil {
		e.log.Warn("llm reply rejected; answering extractively", "err", err)
		return Answer{}, false
	}
	return ans, true
}

// validateReply turns the model's reply into an Answer: citation markers that name no passage are
// dropped, the remaining passages are renumbered in order of first mention, and each citation
// quotes the passage sentence closest to the answer. A refusal becomes a refusal with suggestions.
func validateReply(reply string, ps []passage, att attempt) (Answer, error) {
	// Reasoning models (deepseek-r1, qwq) may put their reasoning before the answer.
	text := strings.TrimSpace(thinkRe.ReplaceAllString(reply, ""))
	switch {
	case text == "":
		return Answer{}, errors.New("empty reply")
	case intent.RuneLen(text) > maxReplyRunes:
		return Answer{}, fmt.Errorf("reply of %d characters", intent.RuneLen(text))
	}
	if strings.Contains(text, refusalMarker) {
		return refusal(att), nil // even when the model added a marker to its refusal
	}
	order := map[int]int{} // passage number → citation number
	var cited []passage
	clean := markerRe.ReplaceAllStringFunc(text, func(m string) string {
		n, err := strconv.Atoi(intent.Fold(strings.Trim(m, "[]［］")))
		if err != nil || n < 1 || n > len(ps) {
			return "" // unknown source: dropped
		}
		if _, ok := order[n]; !ok {
			order[n] = len(cited) + 1
			cited = append(cited, ps[n-1])
		}
		return "[" + strconv.Itoa(order[n]) + "]"
	})
	if len(cited) == 0 {
		return Answer{}, errors.New("no valid [n] citation")
	}
	ans := Answer{Answer: strings.TrimSpace(clean), Found: true}
	for i, p := range cited {
		quote := closestSentence(p, clean)
		if !QuoteInArticle(quote, p.Cand.Article) {
			return Answer{}, fmt.Errorf("quote for [%d] not in article %q", i+1, p.Cand.Article.ID)
		}
		ans.Citations = append(ans.Citations, citationFor(i+1, p.Cand.Article, quote))
	}
	return ans, nil
}

// thinkRe matches a reasoning block.
var thinkRe = regexp.MustCompile(`(?s)<think>.*?</think>`)

// closestSentence is the passage sentence sharing most character bigrams with the answer.
func closestSentence(p passage, answer string) string {
	ar := []rune(core.AsciiLower(intent.Fold(answer)))
	best, bestN := p.Sents[0], -1
	for _, i := range p.Sents {
		s := p.Cand.Folded[i]
		n := 0
		for k := 0; k+1 < len(ar); k++ {
			if intent.IsHan(ar[k]) && strings.Contains(s, string(ar[k:k+2])) {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	sp := p.Cand.Sents[best]
	return p.Cand.Article.Text[sp.Start:sp.End]
}
