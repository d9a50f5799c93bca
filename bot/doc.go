// Package bot answers questions about the library with verified citations. Channels
// (bot/telegram, bot/web and the terminal in cmd/newsbot) wrap the Engine.
//
// # Flow
//
// A question goes through these stages; to follow one, read them in order or run
// `newsbot ask --explain` (explain.go), which names the route, the question's type, the refusal
// check that refused and the best-scored sentences. Imports run one way, stage to stage:
// bot → bot/internal/extract → bot/internal/forms → bot/internal/core → bot/internal/intent.
//
//  1. Input (input.go): CheckQuestion cleans the question or rejects it; small talk, overview and
//     edition questions (meta.go, edition.go, whicharticle.go, archive.go) are answered without
//     extraction.
//  2. Analysis (bot/internal/intent): the question is read once into an intent.Intent: its type
//     from the question word, the word's position, content terms weighted by rarity, what it asks
//     (noun, attribute, units).
//  3. Resolution (followup.go, conversation.go): a follow-up takes its subject from the
//     conversation; a named date (dates.go) searches its edition first; a two-part question
//     (twopart.go) is answered part by part.
//  4. Retrieval (engine.go): the index is searched; the best articles become candidates.
//  5. Extraction (bot/internal/extract, run.go): sentences of the candidates (bot/internal/core:
//     Candidate, Extractor, the shared mechanisms) are scored by the question's terms and the
//     question forms' factors, the best one finished (joined, its evidence measured, its answer
//     cut by the forms' cutters) and checked against the one table of refusal checks; a close
//     runner-up that passes answers instead of a refused best sentence. The question forms
//     (bot/internal/forms) are one file each (form_*.go: detection, factors, cutters, checks with
//     their order keys), listed in forms.go, which assembles the tables in their fixed order.
//  6. Composition (compose.go, cite.go, format.go, llm.go): the reply, its verified citations,
//     or the refusal with related articles; through an LLM when one is configured.
//
// # Answering
//
// Engine.Ask cleans the question (CheckQuestion: empty, over MaxQuestionRunes, no words or control
// characters give a Chinese reply with Answer.Rejected set), resolves a follow-up from the
// conversation, searches the retrieval index and answers:
//
//   - Extractively by default (offline, no model): the question's analysis (bot/internal/intent)
//     types it by its question word and names what it asks; the retrieved articles' sentences are
//     scored by the question's weighted terms and the question forms' factors, and the answer is
//     cut from the best sentence's own text. What each form answers with, and why an answer is
//     refused, is told in bot/internal/forms (its doc.go and one file a form).
//   - Through an LLM (langchaingo llms.Model) when Options.LLM is set: a Chinese prompt with numbered
//     passages demands [n] citations or the refusal "资料中没有相关信息". The reply is validated
//     (unknown [n] dropped, citations renumbered, quotes re-checked) and the extractive answer stands
//     in on timeout, error or an invalid reply, with a log line. NewOpenAIModel (OpenAI-compatible
//     servers such as DeepSeek or Qwen; max_tokens is sent as such) and NewOllamaModel build models.
//
// # Refusals
//
// An answer is given only when its evidence reaches the fitted answer model's decision (or
// DefaultMinEvidence without it) and no check of the one refusal table (bot/internal/forms)
// refuses it; a close runner-up of the same article that passes answers instead of a refused best
// sentence. A refusal says in Chinese that the edition does not cover the question and cites up
// to three related articles; `ask --json --explain` names the check that refused.
//
// # Citations
//
// Every quote is an exact substring of its article's text after width folding (QuoteInArticle),
// every [n] in the answer names a citation, citations[0] is the main source, and each citation
// carries headline, byline and edition label (VerifyAnswer checks all of it).
//
// # Conversations
//
// Conversation IDs are random and opaque; an unknown or expired ID starts a fresh conversation under
// the same ID. The store keeps the last DefaultMaxTurns turns of up to DefaultMaxConversations
// conversations (least recently used evicted) for DefaultConversationTTL of inactivity. A follow-up
// ("那人口呢？", "它在哪里？", "这个项目投资多少？") inherits the previous turn's subject as extra terms
// at half weight, its question type when it has none, and a preference for the previous answer's
// article.
//
// # Evaluation
//
// Evaluate runs an eval set (retrieval.EvalCase lines) and reports hit@1, hit@5, MRR, answer
// accuracy, refusal accuracy, false refusals, follow-up accuracy and citation errors; EvalReport.Write
// prints the fixed format of `newsbot eval`. The package's tests evaluate testdata/eval/*.jsonl
// over the built-in edition, except an eval set NAME.jsonl with a folder testdata/NAME/ of its own
// editions, which is evaluated over those.
//
// # Other answers
//
// Greetings, thanks and requests for help get a short reply naming some headlines; "本期有哪些
// 新闻？" lists the edition's articles (the named date's edition when the question names one); "这篇
// 报道是谁写的？" answers with the byline. Questions about the edition itself are answered from the
// articles' metadata (edition.go): how many articles it holds (per edition when the library holds
// several and no date is named), how many are about a topic (几篇关于X的报道), which articles a
// reporter's byline credits (朱梦琪写了哪篇报道), who took the photos and which reporters wrote. A question naming an edition's date ("11月8日的报纸上…")
// searches that edition first. English questions are answered when their numbers, codes or
// acronyms occur in the edition, otherwise a Chinese reply says the bot answers from the Chinese
// edition.
package bot
