package intent

import (
	"strings"

	"newsbot/bot/internal/qdate"
	"newsbot/lexicon"
)

// Type is what kind of answer a question wants, read from its question word.
type Type int

const (
	Other  Type = iota
	Number      // 多少, 几, 多大: a number with its unit
	Date        // 哪年, 何时, 什么时候: a date or time
	Person      // 谁, 哪位: people
	Place       // 哪里, 在哪: places
	Org         // 哪个, 哪家: organisations and named things
	List        // 哪些: lists
	What        // 什么: noun phrases
	How         // 怎么, 如何, 为什么: a clause
	YesNo       // 是否, 吗
	Title       // 什么职务: the title before a name
)

// qtNames name the types.
var qtNames = map[Type]string{Other: "other", Number: "number", Date: "date", Person: "person",
	Place: "place", Org: "org", List: "list", What: "what", How: "how", YesNo: "yesno", Title: "title"}

// String is the type's name, as `ask --explain` prints it.
func (t Type) String() string { return qtNames[t] }

// Intent is a question read once for the stages that answer it: its normalised text, its type
// and question word, the words either side of it, what it asks for and its weighted terms.
type Intent struct {
	Raw   string // as asked, cleaned of control characters
	Norm  string // folded and simplified (retrieval.NormalizeQuery), lower-case ASCII
	Type  Type
	QWord string // the interrogative found, "" when none
	QPos  int    // rune offset of QWord in Norm, -1 when none
	Terms []Term // content terms with weights
	// Dates are the date expressions the question names (2024年7月28日, 去年国庆, 1到4月),
	// unresolved: the answerer resolves them against its reference date (package qdate).
	Dates []qdate.Expr

	// Before and After are Norm either side of QWord, "" when none; Asked is what the words
	// after it ask for. readIntent fills them.
	Before, After string
	Asked         Asked
}

// Term is one content unit of a question: a character bigram of a Chinese run, a lone character,
// or an ASCII word/number. Weight is 1 for the question's own terms and less for terms inherited
// from an earlier turn.
type Term struct {
	Text   string
	Weight float64
	Run    int // index of the run it came from (runs are the stop-word-free pieces of the question); -1 for a paraphrase word
	// Alts are paraphrases (ParaphraseIndex) that count as the term in a sentence.
	Alts []string
}

// Asked is what a question asks for, read from the words right after its question word. They
// have one boundary (nounRun): Han characters up to the first that is not one, or a stop
// character that does not open a stop-led word (就业, 在校); each field is a view of that run.
type Asked struct {
	// Phrase is the run right after the question word, two characters or more ("什么时候开工" →
	// 开工, "哪些猕猴桃品种" → 猕猴桃品种), "" when none.
	Phrase string
	// Counted is the run past a measure word or unit the question word takes ("多少个学员小组" →
	// 学员小组), "" when under two characters.
	Counted string
	// Noun is the noun a which/what question asks (the run's first two characters: 什么特产 →
	// 特产), "" for numbers, dates, yes/no and how questions and for abstract nouns.
	Noun string
	// Head is the head of a Noun of three or more characters (哪些猕猴桃品种 → 品种), "" when none.
	Head string
	// Wanted is the head noun a 什么X (or 哪个X for places and organisations) answer must end in
	// (什么车 → 车, 什么工作机制 → 机制); WantedAlts are what may stand for it (paraphrases).
	Wanted     string
	WantedAlts []string
	// One is the one-character noun of 哪个/哪家 ("哪个班的" → 班), "" when none or a place's level.
	One string
	// Named is what a determiner names, even one character (哪个县 → 县, 哪个音乐社 → 音乐社).
	Named string
	// PlaceAct is the act after a place question's place noun ("在哪里举办" → 举办, "在哪个区" → "").
	PlaceAct string
	// Event is what a date question asks the time of ("什么时候能通车" → 通车), "" when none.
	Event string
}

// readIntent fills the fields of q read from its question word: Before, After and Asked. analyze
// calls it once; retyped calls it again, since what is asked depends on the type.
func (q *Intent) readIntent() {
	q.Before, q.After, q.Asked = "", "", Asked{}
	if q.QPos < 0 {
		return
	}
	rs := []rune(q.Norm)
	q.Before, q.After = string(rs[:q.QPos]), string(rs[q.QPos+RuneLen(q.QWord):])
	after := []rune(q.After)
	a := &q.Asked
	a.Phrase = atLeast2(nounRun(after))
	if MeasureWordAt(*q, after) {
		after = after[1:]
	}
	if u := UnitPrefix(string(after)); u != "" {
		after = after[RuneLen(u):]
	}
	a.Counted = atLeast2(nounRun(after))
	run := beforeHoldVerb(nounRun([]rune(q.After)))
	if n := string(run[:min(2, len(run))]); RuneLen(n) == 2 && !AbstractNouns[n] && q.asksNoun() {
		a.Noun = n
		if len(run) >= 3 {
			a.Head = string(run[len(run)-2:])
		}
	}
	a.Wanted, a.WantedAlts = q.wantedHead(run)
	a.One, a.Named = q.determined()
	if q.Type == Place {
		a.PlaceAct = string(nounRun([]rune(placeNounTrimmed(q.After))))
	}
	if q.Type == Date {
		ev := []rune(q.After)
		for len(ev) > 0 && StopsAt(ev, 0) {
			ev = ev[1:]
		}
		if e := string(nounRun(ev)); RuneLen(e) >= 2 && !AbstractNouns[e] {
			a.Event = e
		}
	}
}

// retyped is q asking for type t (a follow-up without a question word takes the previous turn's).
func (q Intent) Retyped(t Type) Intent {
	q.Type = t
	q.readIntent()
	return q
}

// nounRun is the one boundary of an asked noun: rs's leading Han characters up to one that is not
// Han or is a stop character (stopsAt).
func nounRun(rs []rune) []rune {
	for i, r := range rs {
		if !IsHan(r) || StopsAt(rs, i) {
			return rs[:i]
		}
	}
	return rs
}

// holdVerbs hold an event ("在北京哪家酒店举办"; lexicon, checks.txt): the noun asked ends before
// them.
var holdVerbs = lexicon.Words("holdVerbs")

// beforeHoldVerb is the noun run rs up to a verb of holding after its first two characters
// ("酒店举办" → 酒店), so that the verb is not read as the asked noun's head.
func beforeHoldVerb(rs []rune) []rune {
	s := string(rs)
	for _, v := range holdVerbs {
		if i := strings.Index(s, v); i > 0 && RuneLen(s[:i]) >= 2 {
			rs = []rune(s[:i])
			s = s[:i]
		}
	}
	return rs
}

// atLeast2 is rs as a string when it has two characters or more, else "".
func atLeast2(rs []rune) string {
	if len(rs) < 2 {
		return ""
	}
	return string(rs)
}

// asksNoun reports a question whose type wants a noun named after its question word.
func (q *Intent) asksNoun() bool {
	switch q.Type {
	case Number, Date, How, YesNo:
		return false
	}
	return true
}

// wantedHead is the head noun of 什么X (or 哪个X asking a place or an organisation), from the run
// after the question word (at most four characters), and its paraphrases: "什么工作机制" → 机制.
func (q *Intent) wantedHead(run []rune) (string, []string) {
	if q.Type != What && !(Determiners[q.QWord] && (q.Type == Place || q.Type == Org)) {
		return "", nil
	}
	noun := run[:min(4, len(run))]
	if len(noun) == 0 || AbstractNouns[string(noun)] {
		return "", nil
	}
	alts := ParaphraseIndex[string(noun)]
	if len(noun) > 2 {
		noun = noun[len(noun)-2:]
	}
	alts = append(alts, headSynonyms[string(noun)]...)
	if AbstractNouns[string(noun)] {
		return "", nil
	}
	return string(noun), alts
}

// oneNounDeterminers ask which one of a kind named by one character (哪个班).
var oneNounDeterminers = lexicon.Set("oneNounDeterminers")

// determined is the noun a determiner (哪个, 什么) names: one, a one-character noun of 哪个/哪家
// that is no place's level (哪个镇 is resolved by the place's name), and named, the counted noun
// or else its first character ("哪个县", "什么站").
func (q *Intent) determined() (one, named string) {
	run := nounRun([]rune(strings.TrimPrefix(q.After, GenericMeasure)))
	if base := QuestionWords[q.QWord]; base == Org || base == What {
		named = q.Asked.Counted
		if named == "" && len(run) > 0 {
			named = string(run[:1])
		}
	}
	if !oneNounDeterminers[q.QWord] {
		return "", named
	}
	if r := nounRun([]rune(q.After)); len(r) == 1 && !strings.ContainsRune(PlaceSuffixRunes, r[0]) {
		one = string(r)
	}
	return one, named
}

// afterDeterminer is what follows a question word past the 个 or 一 of 哪个/哪一 (哪个镇 → 镇…).
func afterDeterminer(rest string) string {
	return strings.TrimPrefix(strings.TrimPrefix(rest, GenericMeasure), "一")
}

// placeNounTrimmed is rest (what follows a place question's question word) past the place noun
// it may name ("个区" → "", "举办" → "举办").
func placeNounTrimmed(rest string) string {
	rest = afterDeterminer(rest)
	for _, h := range nounHints {
		if h.t == Place && strings.HasPrefix(rest, h.prefix) {
			return rest[len(h.prefix):]
		}
	}
	return rest
}
