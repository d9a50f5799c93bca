package bot

import (
	"context"
	"newsbot/bot/internal/extract"
	"strings"
	"testing"
)

// TestRefusalChecksTable: every check has a name of its own and a stage that runs.
func TestRefusalChecksTable(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range extract.RefusalChecks {
		if c.Name == "" || seen[c.Name] {
			t.Errorf("check %q: empty or repeated name", c.Name)
		}
		seen[c.Name] = true
		if c.Stage < extract.StageWindow || c.Stage > extract.StageAttempt || c.Refuse == nil {
			t.Errorf("check %q: no stage or no function", c.Name)
		}
	}
}

// TestExplainNamesWhy: with WithExplain, an answer lists its scored sentences and no refusing
// check, and a refusal names the check that refused; without it, no explanation is attached.
func TestExplainNamesWhy(t *testing.T) {
	e := builtinEngine(t, Options{})
	ctx := WithExplain(context.Background())
	ans, err := e.Ask(ctx, "", "达茂旗的总面积是多少？")
	if err != nil {
		t.Fatal(err)
	}
	x := ans.Explain
	if !ans.Found || x == nil || x.Route != "extractive" || x.Type != "number" || x.Check != "" || len(x.Sentences) == 0 ||
		!strings.Contains(x.Sentences[0].Text, "18177") {
		t.Fatalf("answer explanation = %+v", x)
	}
	ans, err = e.Ask(ctx, "", "达茂旗有多少所学校？")
	if err != nil {
		t.Fatal(err)
	}
	if x := ans.Explain; ans.Found || x == nil || x.Check != "units" || x.Reason == "" {
		t.Fatalf("refusal explanation = %+v", x)
	}
	if text := FormatExplanation(*ans.Explain); !strings.Contains(text, "refused by: units:") {
		t.Errorf("FormatExplanation = %q", text)
	}
	if ans, _ := e.Ask(context.Background(), "", "达茂旗的总面积是多少？"); ans.Explain != nil {
		t.Error("an explanation without WithExplain")
	}
}
