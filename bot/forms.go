package bot

// Question forms. A form is a kind of question whose answer has a known shape: a pair, a reason,
// a rate, a place of an event… Its parts stand in the answerer's ordered tables (a factor of
// scoreFactors, a cutter of clauseForms or spanForms, checks of refusalChecks), since each table's
// order is part of what the answerer does: spans override one another in order, the first clause
// form that cuts answers, the first check that refuses names the refusal. questionForms is the
// one list that says which entries are whose, and where the form's detection lives; a test keeps
// it complete. To add a form: its file (detection, factor, cutter, checks), its entries in the
// tables, its row here, and its words in the lexicon.

// questionForm names one form's entries in the tables.
type questionForm struct {
	name    string
	files   string   // where its detection and judgments live
	factors []string // scoreFactors
	clauses []string // clauseForms
	spans   []string // spanForms
	checks  []string // refusalChecks
}

// questionForms lists the forms; "every question" holds what applies to all of them.
var questionForms = []questionForm{
	{name: "every question", files: "score.go, evidence.go, refusal.go, named.go, answermodel.go",
		factors: []string{"rank", "previous article", "placement", "aspect", "whole run", "length"},
		checks: []string{"attribute", "named terms", "subject elsewhere", "subject in a list", "place of the article",
			"evidence", "follow-up's own words", "answer model"}},
	{name: "typed answer", files: "entities.go, clauses.go",
		factors: []string{"typed"}, spans: []string{"typed near the terms"}, checks: []string{"typed answer"}},
	{name: "number", files: "units.go, qualifier.go, anchors.go",
		factors: []string{"tight anchor"}, spans: []string{"counted noun", "unit", "score"},
		checks: []string{"units", "numbers named", "statistic", "measure qualifier"}},
	{name: "price", files: "units.go, cut.go", spans: []string{"free of charge"}},
	{name: "change", files: "change.go", spans: []string{"change"}, checks: []string{"change"}},
	{name: "date", files: "dates.go, evidence.go, archive.go",
		factors: []string{"other event"}, spans: []string{"date range"},
		checks: []string{"years named", "date named", "day part"}},
	{name: "until and clock", files: "wanted.go", factors: []string{"until"}, spans: []string{"until"}},
	{name: "what X", files: "wanted.go", factors: []string{"head noun"}, spans: []string{"head noun"},
		checks: []string{"noun", "other entity"}},
	{name: "title", files: "roles.go, checks.go", factors: []string{"title"},
		checks: []string{"title", "role qualifier"}},
	{name: "agent", files: "asked.go, checks.go", clauses: []string{"agent's act"}, checks: []string{"agent role"}},
	{name: "winner", files: "pairs.go", clauses: []string{"winner"}, checks: []string{"winner told", "rank named"}},
	{name: "pair", files: "pairs.go", factors: []string{"pair"}, clauses: []string{"pair"}},
	{name: "respectively", files: "twopart.go, cut.go", clauses: []string{"respectively"}},
	{name: "list", files: "lists.go", factors: []string{"list"}, clauses: []string{"places listed"},
		checks: []string{"no list"}},
	{name: "reason", files: "reasons.go", factors: []string{"reason"}, clauses: []string{"reason"}},
	{name: "source", files: "source.go", factors: []string{"source"}, clauses: []string{"source"}},
	{name: "frequency", files: "frequency.go", factors: []string{"frequency"}, spans: []string{"frequency"}},
	{name: "speech", files: "speech.go", factors: []string{"speech"}},
	{name: "author", files: "roles.go", factors: []string{"author"}},
	{name: "place", files: "wanted.go, aspect.go, clauses.go",
		factors: []string{"event place"}, spans: []string{"event place"},
		checks: []string{"where it is", "origin", "no place"}},
	{name: "yes/no", files: "wanted.go, evidence.go", checks: []string{"yes/no predicate", "yes/no evidence"}},
}
