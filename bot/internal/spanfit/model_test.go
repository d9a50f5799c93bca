package spanfit

import (
	"testing"

	"newsbot/bot/internal/intent"
)

// TestDefaultModel: span_model.json parses and matches the features the package computes.
func TestDefaultModel(t *testing.T) {
	if defaultErr != nil {
		t.Fatalf("span_model.json: %v (refit it: see doc.go)", defaultErr)
	}
}

// TestParseRejectsOtherFeatures: a model fitted on other features is refused, not misread.
func TestParseRejectsOtherFeatures(t *testing.T) {
	doc := `{"tables":{},"logit":{"features":["a"],"mean":[0],"scale":[1],"weights":[1],"bias":0,"threshold":0}}`
	if m, err := Parse([]byte(doc)); err == nil || m != nil {
		t.Fatalf("Parse accepted a one-feature model: %v, %v", m, err)
	}
	if m, err := Parse([]byte("{}\n")); err != nil || m != nil {
		t.Fatalf("Parse({}) = %v, %v; want no model", m, err)
	}
}

func TestOverlapF1(t *testing.T) {
	tests := []struct {
		pred, gold string
		want       float64
	}{
		{"18177平方千米", "18177平方千米", 1},
		{"总面积18177", "18177平方千米", 2 * (5.0 / 8) * (5.0 / 9) / (5.0/8 + 5.0/9)},
		{"无关", "答案", 0},
	}
	for _, tt := range tests {
		if got := OverlapF1([]rune(tt.pred), []rune(tt.gold)); got-tt.want > 1e-9 || tt.want-got > 1e-9 {
			t.Errorf("OverlapF1(%q, %q) = %.4f, want %.4f", tt.pred, tt.gold, got, tt.want)
		}
	}
}

// TestMostLikely: the top scores, highest first, the earlier of equal ones first.
func TestMostLikely(t *testing.T) {
	got := mostLikely([]float64{0.1, 0.9, 0.5, 0.9, -1, 0.7}, 3)
	want := []int{1, 3, 5}
	if len(got) != len(want) {
		t.Fatalf("mostLikely = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("mostLikely = %v, want %v", got, want)
		}
	}
}

// TestBestStaysInTheSentence: the default model's span is a stretch of the sentence without
// punctuation at its edges, and the rule span it is compared with is kept when it alone fits.
func TestBestStaysInTheSentence(t *testing.T) {
	if Default == nil {
		t.Skip("no model in span_model.json")
	}
	q := intent.Analyze("达茂旗的总面积是多少？")
	s := "达茂旗位于内蒙古中部,总面积18177平方千米,辖6个镇。"
	sp, _, ok := Default.Best(Input{Q: &q, Sentence: s})
	r := []rune(s)
	if !ok || sp.Start < 0 || sp.End > len(r) || sp.End <= sp.Start || isPunct(r[sp.Start]) || isPunct(r[sp.End-1]) {
		t.Fatalf("Best = %+v, %v over %q", sp, ok, s)
	}
	if got := string(r[sp.Start:sp.End]); OverlapF1([]rune(got), []rune("18177平方千米")) == 0 {
		t.Errorf("Best = %q, which holds nothing of the area 18177平方千米", got)
	}
}
