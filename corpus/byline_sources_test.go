package corpus

import (
	"strings"
	"testing"
)

// TestFeedAuthorAndDatelineByline: a feed item's declared author is its byline when the content's
// dateline names someone else (the dateline's byline is kept as a label, every character in one
// place), and the content's byline stays when it names the author too, with more detail; a
// byline's ideographic spaces read as one ASCII space, in a feed as in a text edition.
func TestFeedAuthorAndDatelineByline(t *testing.T) {
	entry := func(author, lead string) string {
		return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>青山日报</title><id>urn:qs</id><updated>2026-12-07T08:00:00+08:00</updated>
<entry><title>青山湖大桥今天通车</title><id>urn:qs:1</id><updated>2026-12-07T08:00:00+08:00</updated>
<author><name>` + author + `</name></author>
<content type="html">&lt;p&gt;　　` + lead + `青山湖大桥全长2.8公里，总投资12亿元，今天上午正式通车。&lt;/p&gt;</content></entry></feed>`
	}
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"author beside another reporter's dateline", entry("李明", "本报青山12月7日电　（记者　王远）"), "李明"},
		{"dateline naming the author with more", entry("王远", "本报青山12月7日电　（记者　王远　通讯员　赵宁）"), "记者 王远 通讯员 赵宁"},
		{"author that names no one", entry("newsroom@qs.example", "本报青山12月7日电　（记者　王远）"), "记者 王远"},
		{"text edition", "青山湖大桥今天通车\n\n　　本报青山12月7日电　（记者　王远）青山湖大桥全长2.8公里，总投资12亿元，今天上午正式通车。\n", "记者 王远"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := "qs.xml"
			if !strings.HasPrefix(tc.doc, "<?xml") {
				name = "2026-12-07.txt"
			}
			ed, err := Parse(name, []byte(tc.doc), Meta{})
			if err != nil {
				t.Fatal(err)
			}
			if got := ed.Articles[0].Byline; got != tc.want {
				t.Errorf("byline %q, want %q (labels %q)", got, tc.want, ed.Labels)
			}
			if err := conserved(tc.doc, ed); err != nil && name == "2026-12-07.txt" {
				t.Error(err)
			}
		})
	}
}
