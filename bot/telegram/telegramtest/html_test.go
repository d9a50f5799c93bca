package telegramtest

import (
	"strings"
	"testing"
)

func TestParseHTML(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		bad            bool
	}{
		{"plain", "你好", "你好", false},
		{"tags", "<b>粗</b><i>斜</i>", "粗斜", false},
		{"nested", "<b>a<i>b</i></b>", "ab", false},
		{"entities", "&lt;&gt;&amp;&quot;&#20013;&#x4e2d;", "<>&\"中中", false},
		{"attribute", `<a href="https://example.com">链接</a>`, "链接", false},
		{"bare less-than", "1 < 2", "", true},
		{"bare ampersand", "A & B", "", true},
		{"unknown tag", "<script>x</script>", "", true},
		{"unclosed", "<b>粗", "", true},
		{"mismatched", "<b><i>x</b></i>", "", true},
		{"bare greater-than", "2 > 1", "", true},
		{"unknown entity", "&nbsp;", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseHTML(tc.in)
			if tc.bad {
				if err == nil {
					t.Errorf("ParseHTML(%q) = %q, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("ParseHTML(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

func FuzzParseHTML(f *testing.F) {
	for _, s := range []string{"<b>x</b>", "&amp;", "&#x1F600;", "<a href='x'>y</a>", "<", "&", "<b><i></b>", "&#0;", "&#xFFFFFFFFF;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		vis, err := ParseHTML(s)
		if err != nil {
			return
		}
		if UTF16Len(vis) > UTF16Len(s) {
			t.Fatalf("visible text %q longer than the source %q", vis, s)
		}
		if !strings.ContainsAny(s, "<&") && vis != s {
			t.Fatalf("text without markup changed: %q → %q", s, vis)
		}
	})
}
