package corpus

import (
	"strings"
)

// Some editions come as exports of a newspaper's editing system or a web archive: each article a
// block of labelled fields ("标题：…", "作者：…", "日期：…", "版次：…") with its text after "正文：",
// blocks apart by a rule of dashes or by the next 标题. parseExport reads them; every character
// not in an article field is recorded as a label.

// isExport reports text laid out as labelled records: a line opening with a title label, and
// either a text label or a second title.
func isExport(text string) bool {
	titles, bodies := 0, 0
	for len(text) > 0 && titles < 2 {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		switch fieldLabelAt(trimSpace(line)) {
		case "title":
			titles++
		case "text":
			bodies++
		}
		if titles == 1 && bodies > 0 {
			return true
		}
	}
	return titles >= 2
}

// fieldLabelAt names the field whose label opens line, or "".
func fieldLabelAt(line string) string {
	m := fieldLabelRe.FindStringSubmatchIndex(line)
	if m == nil || m[0] != 0 {
		return ""
	}
	return fieldOf(line, m)
}

// exportRecord is an article being read from an export.
type exportRecord struct {
	art    Article
	sub    string
	paras  []string
	inText bool
}

func parseExport(ed *Edition, text string) error {
	var cur *exportRecord
	var recs []*exportRecord
	start := func() {
		cur = &exportRecord{art: Article{Kind: KindNews}}
		recs = append(recs, cur)
	}
	for len(text) > 0 {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		line = trimSpace(strings.TrimPrefix(line, "\uFEFF"))
		switch {
		case line == "":
			continue
		case isRule(line):
			ed.Labels = append(ed.Labels, line)
			cur = nil
			continue
		}
		field := fieldLabelAt(line)
		if cur == nil || field == "title" && (cur.art.Title != "" || len(cur.paras) > 0) {
			start()
		}
		if field == "" || cur.inText && field != "title" {
			cur.inText = true
			cur.paras = append(cur.paras, line)
			continue
		}
		cur.readFields(ed, line)
	}
	for _, r := range recs {
		r.finish(ed)
	}
	return nil
}

// readFields takes the labelled fields of one line into the record. A title runs to the end of
// its line; other values to the next label.
func (r *exportRecord) readFields(ed *Edition, line string) {
	locs := fieldLabelRe.FindAllStringSubmatchIndex(line, -1)
	for i, m := range locs {
		end := len(line)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		field := fieldOf(line, m)
		if field == "title" || field == "text" {
			end = len(line)
		}
		ed.Labels = append(ed.Labels, line[m[0]:m[1]])
		v := trimSpace(line[m[1]:end])
		if r.setField(ed, field, v) {
			ed.Labels = append(ed.Labels, v)
		}
		if end == len(line) {
			return
		}
	}
}

// setField sets one field; it reports whether the value is to be recorded as a label (it is
// edition data, or repeats a field already set).
func (r *exportRecord) setField(ed *Edition, field, v string) (record bool) {
	if v == "" {
		return false
	}
	set := func(dst *string) bool {
		if *dst != "" {
			return true
		}
		*dst = v
		return false
	}
	switch field {
	case "title":
		return set(&r.art.Title)
	case "kicker":
		return set(&r.art.Kicker)
	case "byline":
		return set(&r.art.Byline)
	case "column":
		return set(&r.art.Column)
	case "subtitle":
		return set(&r.sub)
	case "text":
		r.inText = true
		r.paras = append(r.paras, v)
		return false
	case "date":
		if r.art.Date == "" {
			r.art.Date = recordDate(v)
		}
	case "page":
		if m := pageRe.FindStringSubmatch(v); m != nil && r.art.Page == "" {
			_, r.art.Page = pageOf(m)
		} else if r.art.Page == "" {
			r.art.Page = pageLabel(v)
		}
	case "paper":
		if r.art.Paper == "" && looksLikePaper(v) {
			r.art.Paper = v
			if ed.Paper == "" {
				ed.Paper = v
			}
		}
	}
	return true
}

// finish adds the record's article, taking a byline from a lead ("本报讯（记者 张三）") when no
// field gave one. A record with neither title nor text is only labels.
func (r *exportRecord) finish(ed *Edition) {
	paras := takeLead(ed, &r.art.Byline, r.paras)
	if r.sub != "" {
		paras = append([]string{r.sub}, paras...)
	}
	r.art.Text = strings.Join(paras, "\n")
	if r.art.Title == "" && r.art.Text == "" {
		ed.Labels = append(ed.Labels, nonEmpty(r.art.Kicker, r.art.Byline, r.art.Column)...)
		return
	}
	ed.Articles = append(ed.Articles, r.art)
}

// isRule reports a line that only separates: ----, ====, ****, ————.
func isRule(line string) bool {
	n := 0
	for _, r := range line {
		if !strings.ContainsRune("-=*_—～~#·•", r) && r != ' ' {
			return false
		}
		n++
	}
	return n >= 3
}
