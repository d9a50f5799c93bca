package bot

import (
	"fmt"
	"newsbot/lexicon"
	"strings"
)

// The headings over an answer's sources and over a refusal's related articles (lexicon [replies]).
var sourcesHeading, relatedHeading = lexicon.Text("replies", "sources"), lexicon.Text("replies", "related")

// FormatText renders an answer for a terminal: the answer, then its numbered sources with
// headline, byline, edition and the quoted sentence. A refusal's related articles are listed
// under a different heading.
func FormatText(a Answer) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(a.Answer))
	b.WriteString("\n")
	if len(a.Citations) == 0 {
		return b.String()
	}
	if a.Found {
		b.WriteString("\n" + sourcesHeading + "\n")
	} else {
		b.WriteString("\n" + relatedHeading + "\n")
	}
	for _, c := range a.Citations {
		fmt.Fprintf(&b, "[%d] 《%s》", c.N, c.Title)
		var meta []string
		for _, m := range []string{c.Byline, c.Edition} {
			if m = strings.TrimSpace(m); m != "" {
				meta = append(meta, m)
			}
		}
		if len(meta) > 0 {
			fmt.Fprintf(&b, " %s", strings.Join(meta, " · "))
		}
		b.WriteString("\n")
		if q := strings.TrimSpace(c.Quote); q != "" {
			fmt.Fprintf(&b, "    “%s”\n", q)
		}
	}
	return b.String()
}
