package forms

import (
	"fmt"
	"newsbot/bot/internal/intent"
	"slices"
	"testing"
)

// TestFormTablesOrder: the tables assembled from the question forms keep the order the answerer's
// behaviour depends on (factors multiply in order, spans override in order, the first clause form
// and the first refusing check win). A new part takes an order key between its neighbours and its
// name is added here at its place.
func TestFormTablesOrder(t *testing.T) {
	want := map[string][]string{
		"factors": {"typed", "head noun", "other event", "until", "title", "rank", "previous article", "placement",
			"aspect", "list", "tight anchor", "event place", "reason", "frequency", "source", "pair", "speech",
			"whole run", "author", "length"},
		"clauses": {"pair", "agent's act", "winner", "respectively", "reason", "places listed", "source"},
		"spans": {"head noun", "event place", "typed near the terms", "until", "counted noun", "free of charge",
			"score", "frequency", "date range", "unit", "change"},
		"checks": {"units", "attribute", "typed answer", "title", "noun", "numbers named", "statistic",
			"other entity", "where it is", "yes/no predicate", "agent role", "origin", "place's act", "role qualifier",
			"winner told", "change", "rank named", "day part",
			"years named", "date named", "named terms",
			"subject elsewhere", "subject in a list", "subject agreement", "measure qualifier", "planned figure", "place of the article",
			"no list", "yes/no evidence", "no place",
			"evidence", "follow-up's own words", "answer model"},
	}
	got := map[string][]string{}
	for _, f := range ScoreFactors {
		got["factors"] = append(got["factors"], f.Name)
	}
	for _, f := range ClauseForms {
		got["clauses"] = append(got["clauses"], f.Name)
	}
	for _, f := range SpanForms {
		got["spans"] = append(got["spans"], f.Name)
	}
	for _, c := range RefusalChecks {
		got["checks"] = append(got["checks"], c.Name)
	}
	for table, names := range want {
		if !slices.Equal(got[table], names) {
			t.Errorf("%s in order:\n got %q\nwant %q", table, got[table], names)
		}
	}
}

// TestFormOrderKeysUnique: no two parts of a table share an order key, which would leave their
// order to the list of forms.
func TestFormOrderKeysUnique(t *testing.T) {
	seen := map[string]string{}
	claim := func(table string, order int, name string) {
		key := fmt.Sprintf("%s/%d", table, order)
		if other, dup := seen[key]; dup {
			t.Errorf("%s: %q and %q share order key %d", table, other, name, order)
		}
		seen[key] = name
	}
	for _, f := range questionForms {
		if f.name == "" {
			t.Error("a form without a name")
		}
		for _, p := range f.factors {
			claim("factors", p.Order, p.Name)
		}
		for _, p := range f.clauses {
			claim("clauses", p.Order, p.Name)
		}
		for _, p := range f.spans {
			claim("spans", p.Order, p.Name)
		}
		for _, p := range f.checks {
			claim("checks", int(p.Stage)*1000+p.Order, p.Name)
		}
	}
}

// TestFormDetection: each form with a detection of its own detects its kind of question and not
// a plain one.
func TestFormDetection(t *testing.T) {
	tests := []struct {
		form     *questionForm
		question string
	}{
		{&pairForm, "签约的是谁和谁？"},
		{&reasonForm, "为什么要建第二水厂？"},
		{&sourceForm, "水厂的水从哪里来？"},
		{&frequencyForm, "K8路公交车多久一班？"},
		{&speechForm, "孙益锋对企业提出了什么要求？"},
		{&untilForm, "展览展到什么时候？"},
		{&changeForm, "地区生产总值增长了多少？"},
		{&listForm, "布局了哪些未来产业？"},
		{&respectivelyForm, "出口和进口分别是多少？"},
		{&authorForm, "这首歌的作者是谁？"},
		{&yesNoForm, "看早樱要门票吗？"},
	}
	plain := intent.Analyze("达茂旗的总面积是多少？")
	for _, tt := range tests {
		if !tt.form.detect(intent.Analyze(tt.question)) {
			t.Errorf("%s does not detect %q", tt.form.name, tt.question)
		}
		if tt.form.detect(plain) {
			t.Errorf("%s detects %q", tt.form.name, plain.Raw)
		}
	}
	for _, f := range questionForms {
		if f.detect != nil && !slices.ContainsFunc(tests, func(tt struct {
			form     *questionForm
			question string
		}) bool {
			return tt.form == f
		}) {
			t.Errorf("form %s detects without a test here", f.name)
		}
	}
}
