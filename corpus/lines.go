package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unitKind is what a piece of an edition's text is, once its lines are classified.
type unitKind uint8

const (
	uPara     unitKind = iota // body text (a paragraph or a fragment of one), or a headline line
	uHeader                   // page header: "2024年11月8日 星期五 第2版 要闻"
	uLead                     // dateline and/or byline that opens an article: "本报讯 (记者 朱梦琪)"
	uCredit                   // photo credit: "徐芊卉 摄" or an inline "（记者 张三 摄）"
	uJumpTo                   // "（转第2版）": the article goes on on another page
	uJumpFrom                 // "（上接第1版）": the article comes from another page
	uLabel                    // a line recorded as is: "责任编辑 …"
)

// unit is one classified piece of text. Lines are trimmed of surrounding white space only; the
// text is otherwise kept as written.
type unit struct {
	kind       unitKind
	text       string // uPara, uHeader, uLabel: the text; uJumpTo/uJumpFrom: the marker as written
	gap        int    // blank lines before the line this unit starts
	dateline   string // uLead: lead-in without the byline words (brackets kept); uCredit: brackets
	byline     string // uLead, uCredit
	page       int    // uJumpTo/uJumpFrom: the page named; uHeader: the page number, 0 if none
	pageLabel  string // uHeader: the page as Article.Page shows it, e.g. "第2版", "第A2版"
	date       string // uHeader: the date it names, YYYY-MM-DD
	paper      string // uHeader: a paper name in the header ("武进日报"), if any
	fromLead   bool   // uPara: the rest of a lead line
	bylineOnly bool   // uLead: a byline alone on its line (text holds the line)
	caption    bool   // uPara: a photo caption (a credit follows)
	head       bool   // uPara: part of a headline block
	mark       string // a mark taken off the line ("#" of a Markdown heading), recorded as a label
	indent     bool   // the line this unit starts was indented (　　, or two spaces or a tab)
	slot       int8   // uPara head: its line in a slotted headline block (1 引题, 2 标题, 3 副题), 0 if none
	opens      bool   // uPara: opens an article under the headline above it (no lead between)
	briefs     bool   // uPara: the label over a run of news briefs ("【简讯】")
	brief      bool   // uPara: one news brief under such a label ("●9月1日，…")
}

var (
	pageRe        = regexp.MustCompile(`第[\s\x{3000}\x{a0}]*([A-Za-zＡ-Ｚａ-ｚ]?)[\s\x{3000}\x{a0}]*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})[\s\x{3000}\x{a0}]*版`)
	numericDateRe = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})[-./]([0-9]{1,2})[-./]([0-9]{1,2})(?:$|[^0-9])`)
	weekdayRe     = regexp.MustCompile(`(?:星期|周|週|礼拜)[一二三四五六日天]`)
	dateRe        = regexp.MustCompile(`((?:19|20|１９|２０)[0-9０-９]{2})[\s\x{3000}\x{a0}]*年[\s\x{3000}\x{a0}]*([0-9０-９]{1,2})[\s\x{3000}\x{a0}]*月[\s\x{3000}\x{a0}]*([0-9０-９]{1,2})[\s\x{3000}\x{a0}]*日`)
	// A jump marker: （转第2版） （下转第2版） （上接第1版） （接第一版） 转3版 …
	jumpRe = regexp.MustCompile(`[（(\[【]?[\s\x{3000}\x{a0}]*(下转|转至|转|下轉|轉至|轉|上接|紧接|緊接|接|续|續)[\s\x{3000}\x{a0}]*(?:第|自第)?[\s\x{3000}\x{a0}]*(?:[A-Za-zＡ-Ｚ][\s\x{3000}\x{a0}]*)?([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})[\s\x{3000}\x{a0}]*版(?:[^（()）\]】]{0,12})?[）)\]】]?`)
	// A dateline opening an article, with the byline in brackets after it.
	datelineRe = regexp.MustCompile(`^[□■◎●▲◆◇]?[\s\x{3000}\x{a0}]*(` +
		`本报讯|本報訊|` +
		// 新华社北京11月7日电, 本报北京11月7日电: a news agency or paper, a place, a day, 电
		`(?:本报|本報|新华社|新華社|中新社|中新网|中新網|人民网|人民網|新华网|新華網|央视网|央視網|央广网|光明网|光明網|\p{Han}{2,6}(?:日报|日報|晚报|晚報|报|報|网|網|社|台))` +
		`[^\s\x{3000}\x{a0}（(，,。“”「」：:；;]{0,12}?(?:[0-9０-９]{1,2}|[〇一二三四五六七八九十]{1,3})日(?:电|電)|` +
		// 常州日报讯, 本报北京讯
		`\p{Han}{2,6}(?:日报|日報|晚报|晚報|报|報|网|網)(?:讯|訊)|(?:本报|本報)\p{Han}{1,8}?(?:讯|訊)` +
		`)[\s\x{3000}\x{a0}]*(?:([（(])([^（()）]{1,40})([）)]))?`)
	// A byline in brackets opening a line: （记者 张三 通讯员 李四）
	// Taiwanese and Hong Kong papers bracket it with 〔〕 or 【】: 〔記者王小明／台中報導〕.
	bracketBylineRe = regexp.MustCompile(`^([（(〔【［])((?:本报|本報|新华社|新華社|人民日报|人民日報)?(?:记者|記者|通讯员|通訊員|特约记者|特約記者|见习记者|見習記者|实习记者|實習記者|实习生|實習生|撰稿人|特约撰稿人)[^（()）〔〕【】［］]{1,40})([）)〕】］])`)
	// A byline in brackets closing an article: …。（记者 张三）
	trailingBylineRe = regexp.MustCompile(`([（(])((?:本报|本報|新华社|新華社)?(?:记者|記者|通讯员|通訊員|特约记者|特約記者|见习记者|見習記者|实习生|實習生)[^（()）]{1,30})([）)])$`)
	// A page token without 第…版 opening a header line: "A2 要闻 2025年12月5日 星期五".
	barePageRe = regexp.MustCompile(`^([A-Za-zＡ-Ｚａ-ｚ]?)([0-9０-９]{1,2})(?:版)?[\s\x{3000}|｜]`)
	// A bracketed dateline, as news agencies and Hong Kong papers print it: （中央社記者王小明台北4日電）,
	// 【新華社北京4日電】, 【明報專訊】, 【本報訊】.
	bracketDatelineRe = regexp.MustCompile(`^([（(【〔［])(` +
		`[^（()）【】〔〕［］\s]{1,24}?(?:[0-9０-９]{1,2}|[〇一二三四五六七八九十]{1,3})日(?:电|電)|` +
		`(?:本报|本報|\p{Han}{1,4}(?:报|報))(?:专|專)?(?:讯|訊))([）)】〕］])`)
	// A bare name in brackets closing a short item: …维修。（王丽）
	trailingNameRe = regexp.MustCompile(`([。！？!?”])([（(])(\p{Han}{2,4}(?:[ 　、]\p{Han}{2,4}){0,2})([）)])$`)
	// An inline photo credit closing a caption: （记者 张三 摄）
	inlineCreditRe = regexp.MustCompile(`([（(])([^（()）]{1,30}?(?:摄|摄影|攝|攝影))([）)])$`)
)

// bylineRoles open a byline; creditSuffixes close a photo credit.
var (
	bylineRoles = []string{"本报记者", "本報記者", "本报通讯员", "本報通訊員", "新华社记者", "新華社記者",
		"特约记者", "特約記者", "见习记者", "見習記者", "实习记者", "實習記者", "记者", "記者", "通讯员", "通訊員",
		"实习生", "實習生", "特约撰稿人", "撰稿人", "文/", "文／", "图/", "图／", "圖/", "圖／"}
	creditSuffixes = []string{"摄影报道", "攝影報道", "摄影", "攝影", "摄", "攝"}
	labelPrefixes  = []string{"责任编辑", "責任編輯", "本版编辑", "本版編輯", "编辑", "編輯", "校对", "校對",
		"美编", "美編", "组版", "組版", "值班主任", "审读", "審讀", "版式"}
)

// splitUnits splits text into classified units, in order.
func splitUnits(text string) []unit {
	units := make([]unit, 0, strings.Count(text, "\n")/2+8)
	gap := 0
	for len(text) > 0 {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		indented := isIndented(line)
		line = trimSpace(line)
		if line == "" {
			gap++
			continue
		}
		if len(units) == 0 && isMasthead(line) {
			units = append(units, unit{kind: uHeader, text: line, gap: gap, paper: line})
		} else {
			n := len(units)
			units = classifyLine(units, line, gap)
			if n < len(units) {
				units[n].indent = indented
			}
		}
		gap = 0
	}
	return units
}

// isIndented reports a line opened by paragraph indentation: an ideographic space, two spaces or
// a tab.
func isIndented(line string) bool {
	return strings.HasPrefix(line, "\u3000") || strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t")
}

// trimSpace trims white space, including the ideographic space, no-break space, BOM and CR.
func trimSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B' })
}

// classifyLine appends the units of one non-blank line.
func classifyLine(units []unit, line string, gap int) []unit {
	if h, ok := pageHeader(line); ok {
		h.gap = gap
		return append(units, h)
	}
	if hasAnyPrefix(line, labelPrefixes) && runesAtMost(line, 40) && !strings.ContainsAny(line, "。，,") {
		return append(units, unit{kind: uLabel, text: line, gap: gap})
	}
	if strings.Contains(line, "版") {
		if pieces, ok := splitJumps(line, gap); ok {
			// The text around the markers is classified in turn: "本报讯（…）…（转第2版）".
			for _, p := range pieces {
				if p.kind == uPara {
					units = classifyLine(units, p.text, p.gap)
				} else {
					units = append(units, p)
				}
			}
			return units
		}
	}
	if u, rest, ok := lead(line); ok {
		u.gap = gap
		if rest == "" && u.byline != "" && bracketBylineRe.MatchString(line) {
			// "（本报记者 张三）" alone on its line: a byline line like "本报记者 张三", which may
			// close the article above it.
			u.bylineOnly, u.text = true, line
		}
		units = append(units, u)
		if rest != "" {
			units = append(units, unit{kind: uPara, text: rest, fromLead: true})
		}
		return units
	}
	if by, ok := creditLine(line); ok {
		return append(units, unit{kind: uCredit, byline: by, gap: gap})
	}
	if isInfoLine(line) {
		// Only with an author or a source: a line such as "时间：9月5日上午" in a notice is text.
		if u := infoUnit(line, gap); u.byline != "" || u.paper != "" {
			return append(units, u)
		}
	}
	if mark, rest, ok := markdownHeading(line); ok {
		return append(units, unit{kind: uPara, text: rest, mark: mark, gap: gap})
	}
	if by, mark, ok := bylineLine(line); ok {
		return append(units, unit{kind: uLead, byline: by, dateline: mark, text: line, bylineOnly: true, gap: gap})
	}
	if hasAnySuffix(line, []string{"摄)", "摄）", "影)", "影）", "攝)", "攝）"}) {
		if m := inlineCreditRe.FindStringSubmatchIndex(line); m != nil {
			credit := unit{kind: uCredit, byline: trimSpace(line[m[4]:m[5]]), dateline: line[m[2]:m[3]] + line[m[6]:m[7]]}
			if _, ok := creditLine(credit.byline); ok {
				if caption := trimSpace(line[:m[0]]); caption != "" {
					units = append(units, unit{kind: uPara, text: caption, gap: gap})
				}
				return append(units, credit)
			}
		}
	}
	if hasAnySuffix(line, creditSuffixes) {
		// A caption and its credit on one line: "图为…建设现场。 记者 张三 摄"
		if i := lastSentenceEnd(line); i > 0 {
			if by, ok := creditLine(trimSpace(line[i:])); ok {
				return append(units, unit{kind: uPara, text: trimSpace(line[:i]), gap: gap}, unit{kind: uCredit, byline: by})
			}
		}
	}
	return append(units, unit{kind: uPara, text: line, gap: gap})
}

// lastSentenceEnd is the byte offset just after the last sentence-ending mark (and any closing
// quote after it) in s, or -1.
func lastSentenceEnd(s string) int {
	i := strings.LastIndexAny(s, "。！？!?")
	if i < 0 {
		return -1
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	i += size
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune("”’」』\"'）)", r) {
			break
		}
		i += size
	}
	return i
}

// pageHeader recognises a page header line: a page number ("第2版") or a date with a weekday, in
// a short line without sentence punctuation.
func pageHeader(line string) (unit, bool) {
	if len(line) > 180 {
		return unit{}, false
	}
	hasPage := strings.Contains(line, "版")
	hasDate := strings.Contains(line, "年") && strings.Contains(line, "日")
	hasWeekday := (strings.Contains(line, "星期") || strings.Contains(line, "周") || strings.Contains(line, "週")) &&
		weekdayRe.MatchString(line)
	if !hasPage && !hasDate && !hasWeekday || strings.ContainsAny(line, "。，,；;《》“”") {
		return unit{}, false
	}
	if hasPage && jumpRe.MatchString(line) {
		return unit{}, false
	}
	u := unit{kind: uHeader, text: line}
	if hasPage {
		if m := pageRe.FindStringSubmatchIndex(line); m != nil && pageTokenEnds(line[m[1]:]) &&
			(pageTokenStarts(line[:m[0]]) || hasDate || hasWeekday) {
			u.page, u.pageLabel = pageOf(submatches(line, m))
		}
	}
	if hasDate {
		u.date = matchDate(dateRe, line)
	}
	if u.date == "" && (hasPage || hasWeekday) {
		// "2024.11.08 星期五 第2版", "2024-11-08 第2版"
		u.date = matchDate(numericDateRe, line)
	}
	if u.page == 0 && u.date != "" && hasWeekday {
		// "A2 要闻 2025年12月5日 星期五": a bare page token opening a dated header line.
		if m := barePageRe.FindStringSubmatch(line); m != nil {
			u.page, u.pageLabel = pageOf(m)
		}
	}
	if u.page == 0 && (u.date == "" || !hasWeekday || !onlyDateAndWeekday(line)) {
		return unit{}, false
	}
	u.paper = paperInHeader(line)
	return u, true
}

// pageTokenStarts reports whether "第2版" starts where a page token should: at the start of the
// line or after a space or a separator, not inside a phrase ("试行第十版").
func pageTokenStarts(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return before == "" || !unicode.Is(unicode.Han, r)
}

// onlyDateAndWeekday reports a header line of a date and a weekday with at most a short section
// name besides ("2024年11月8日 星期五 要闻"), not a sentence that happens to hold both.
func onlyDateAndWeekday(line string) bool {
	rest := dateRe.ReplaceAllString(line, "")
	rest = numericDateRe.ReplaceAllString(rest, "")
	rest = weekdayRe.ReplaceAllString(rest, "")
	return runesAtMost(strings.Join(strings.Fields(rest), ""), 12)
}

// pageTokenEnds reports whether "第2版" ends where the page token should: at the end of the
// line, before a space or a separator, or before a short section name ("第2版要闻"), not inside
// a phrase ("第二版图书发布会").
func pageTokenEnds(after string) bool {
	r, _ := utf8.DecodeRuneInString(after)
	if after == "" || !unicode.Is(unicode.Han, r) {
		return true
	}
	return runesAtMost(after, 4)
}

func submatches(s string, m []int) []string {
	out := make([]string, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return out
}

// pageOf reads a pageRe match: the page number and its label ("第2版"; "第A2版" with a section
// letter; leading zeros and full-width digits normalised).
func pageOf(m []string) (int, string) {
	n := parseNumber(m[2])
	if n == 0 {
		return 0, ""
	}
	letter := strings.ToUpper(strings.Map(func(r rune) rune {
		if r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' {
			return r - 'Ａ' + 'A'
		}
		return r
	}, m[1]))
	return n, "第" + letter + strconv.Itoa(n) + "版"
}

// isMasthead reports a paper's name alone on the first line of an edition ("武进日报").
func isMasthead(line string) bool {
	n := utf8.RuneCountInString(line)
	if n < 3 || n > 10 || !(strings.HasSuffix(line, "报") || strings.HasSuffix(line, "報")) {
		return false
	}
	for _, r := range line {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// paperInHeader finds a newspaper's name in a page header: a word ending in 报.
func paperInHeader(line string) string {
	for _, f := range strings.FieldsFunc(line, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("|｜·•/", r)
	}) {
		n := utf8.RuneCountInString(f)
		if n >= 3 && n <= 10 && strings.HasSuffix(f, "报") && !strings.ContainsAny(f, "0123456789０１２３４５６７８９年月版") {
			return f
		}
	}
	return ""
}

// splitJumps splits a line holding jump markers into the markers and the text around them.
func splitJumps(line string, gap int) ([]unit, bool) {
	locs := jumpRe.FindAllStringSubmatchIndex(line, -1)
	if locs == nil {
		return nil, false
	}
	var units []unit
	last := 0
	for _, m := range locs {
		marker := line[m[0]:m[1]]
		// A marker in running text is only a marker when bracketed or alone on its line.
		bracketed := hasAnyPrefix(marker, []string{"（", "(", "[", "【"})
		alone := trimSpace(line[:m[0]]) == "" && trimSpace(line[m[1]:]) == ""
		if !bracketed && !alone {
			continue
		}
		if before := trimSpace(line[last:m[0]]); before != "" {
			units = append(units, unit{kind: uPara, text: before})
		}
		verb := line[m[2]:m[3]]
		kind := uJumpFrom
		if strings.Contains(verb, "转") || strings.Contains(verb, "轉") {
			kind = uJumpTo
		}
		units = append(units, unit{kind: kind, text: trimSpace(marker), page: parseNumber(line[m[4]:m[5]])})
		last = m[1]
	}
	if units == nil {
		return nil, false
	}
	if rest := trimSpace(line[last:]); rest != "" {
		units = append(units, unit{kind: uPara, text: rest})
	}
	units[0].gap = gap
	return units, true
}

// takeLead reads the dateline and byline opening a text's first paragraph ("本报讯（记者 张三）…"):
// the one lead reader of the HTML, JSONL, Markdown and export paths. The lead's byline fills
// *byline when that is empty and is recorded in ed.Labels otherwise (already signed: recorded,
// not lost), as is its dateline; it returns the paragraphs without the lead (as they are when the
// first paragraph opens with none).
func takeLead(ed *Edition, byline *string, paras []string) []string {
	if len(paras) == 0 {
		return paras
	}
	u, after, ok := lead(paras[0])
	if !ok {
		return paras
	}
	labels := nonEmpty(u.dateline)
	if *byline == "" {
		*byline = u.byline
	} else {
		labels = append(labels, nonEmpty(u.byline)...)
	}
	ed.Labels = append(ed.Labels, labels...)
	return append(nonEmpty(after), paras[1:]...)
}

// lead recognises a dateline ("本报讯 (记者 朱梦琪) 昨天,…") or a bracketed byline opening a
// line, and returns the lead and the rest of the line.
func lead(line string) (unit, string, bool) {
	// Cheap test first: a dateline ends in 讯 or 电 within its first characters; a bracketed
	// byline opens the line.
	head := line[:min(len(line), 72)]
	if !strings.Contains(head, "讯") && !strings.Contains(head, "电") && !strings.Contains(head, "訊") &&
		!strings.Contains(head, "電") && !hasAnyPrefix(line, []string{"(", "（", "〔", "【", "［"}) {
		return unit{}, "", false
	}
	if m := datelineRe.FindStringSubmatchIndex(line); m != nil && !isCorrespondentRole(line, m[3]) {
		u := unit{kind: uLead, dateline: line[m[2]:m[3]]}
		if m[6] >= 0 {
			u.byline = trimSpace(line[m[6]:m[7]])
			u.dateline += line[m[4]:m[5]] + line[m[8]:m[9]]
		}
		rest := trimLeadPunct(line[m[1]:], &u.dateline)
		return u, rest, true
	}
	if m := bracketDatelineRe.FindStringSubmatchIndex(line); m != nil {
		inner := line[m[4]:m[5]]
		u := unit{kind: uLead, dateline: line[m[2]:m[3]] + line[m[6]:m[7]]}
		if strings.Contains(inner, "记者") || strings.Contains(inner, "記者") {
			u.byline = inner // agency, reporter, place and day: no safe cut between name and place
		} else {
			u.dateline = line[m[2]:m[3]] + inner + line[m[6]:m[7]]
		}
		rest := trimLeadPunct(line[m[1]:], &u.dateline)
		return u, rest, true
	}
	if m := bracketBylineRe.FindStringSubmatchIndex(line); m != nil {
		u := unit{kind: uLead, byline: trimSpace(line[m[4]:m[5]]), dateline: line[m[2]:m[3]] + line[m[6]:m[7]]}
		rest := trimLeadPunct(line[m[1]:], &u.dateline)
		return u, rest, true
	}
	return unit{}, "", false
}

// infoUnit reads an info line under a headline ("作者：陈晓燕　来源：临江晚报　发布时间：…") as
// a byline line: its byline opens the article, its paper and date are the article's, and the
// rest of the line is recorded.
func infoUnit(line string, gap int) unit {
	f := labelledFields(line)
	u := unit{kind: uLead, text: line, bylineOnly: true, gap: gap, dateline: line}
	if by := f["byline"]; by != "" && namesOnly(by) {
		u.byline = by
		i := strings.Index(line, by)
		u.dateline = line[:i] + line[i+len(by):]
	}
	if p := f["paper"]; looksLikePaper(p) {
		u.paper = p
	}
	u.date = recordDate(f["date"])
	return u
}

// markdownHeading splits a Markdown heading ("# 标题", "## 标题") into its mark and its text.
func markdownHeading(line string) (mark, text string, ok bool) {
	rest := strings.TrimLeft(line, "#")
	n := len(line) - len(rest)
	if n == 0 || n > 6 || !strings.HasPrefix(rest, " ") {
		return "", "", false
	}
	if text = trimSpace(rest); text == "" {
		return "", "", false
	}
	return line[:n], text, true
}

// isCorrespondentRole reports a dateline match that is the start of a byline role: 本报通讯员
// reads as 本报…讯 followed by 员.
func isCorrespondentRole(line string, end int) bool {
	return (strings.HasSuffix(line[:end], "通讯") || strings.HasSuffix(line[:end], "通訊")) &&
		(strings.HasPrefix(line[end:], "员") || strings.HasPrefix(line[end:], "員"))
}

// trimLeadPunct moves a colon or dash between a lead and the body into the dateline, so the body
// starts with its first word and no character is lost.
func trimLeadPunct(rest string, dateline *string) string {
	rest = trimSpace(rest)
	for _, p := range []string{"：", ":", "——", "—"} {
		if strings.HasPrefix(rest, p) {
			*dateline += p
			return trimSpace(rest[len(p):])
		}
	}
	return rest
}

// bylineLine recognises a byline alone on a line: "本报记者 张三 通讯员 李四". A mark before it
// ("■本报记者 …") is returned apart.
func bylineLine(line string) (byline, mark string, ok bool) {
	s := trimSpace(strings.TrimLeft(line, bylineMarks))
	if !anonymousBylines[s] && !slashByline(s) && (!hasAnyPrefix(s, bylineRoles) || !runesAtMost(s, 40) || !namesOnly(s) || onlyRole(s)) {
		return "", "", false
	}
	return s, trimSpace(line[:len(line)-len(s)]), true
}

// onlyRole reports a role word with no name after it ("文／").
func onlyRole(s string) bool {
	for _, r := range bylineRoles {
		if rest, ok := strings.CutPrefix(s, r); ok {
			return trimSpace(rest) == ""
		}
	}
	return false
}

// anonymousBylines sign an article without a name: an editorial or a commentary.
var anonymousBylines = map[string]bool{
	"本报评论员": true, "本報評論員": true, "本报特约评论员": true, "本報特約評論員": true, "评论员": true, "評論員": true,
	"特约评论员": true, "特約評論員": true, "新华社评论员": true, "新華社評論員": true, "人民日报评论员": true,
	"人民日報評論員": true, "本报编辑部": true, "本報編輯部": true,
}

// bylineMarks may stand before a byline or a dateline.
const bylineMarks = "□■◎●▲◆◇ \u3000"

// creditLine recognises a photo credit alone on a line: "徐芊卉 摄", "记者 张三 摄".
func creditLine(line string) (string, bool) {
	if len(line) > 30*4 || !hasAnySuffix(line, creditSuffixes) || !runesAtMost(line, 30) {
		return "", false
	}
	for _, suf := range creditSuffixes {
		if strings.HasSuffix(line, suf) {
			names := strings.TrimRight(trimSpace(strings.TrimSuffix(line, suf)), "/／")
			if names == "" {
				return "", false
			}
			if namesOnly(names) {
				return line, true
			}
			return "", false
		}
	}
	return "", false
}

// creditName splits the role word off a photo credit naming one person: "本报记者 陆思远 摄"
// gives "陆思远 摄" and "本报记者". A photo's byline names who took it, the way most credits are
// printed ("徐芊卉 摄"); the role is recorded apart so that no character is lost. A credit naming
// several people ("记者 张三 通讯员 李四 摄") or none after the role is kept whole.
func creditName(credit string) (byline, role string) {
	for _, r := range bylineRoles {
		rest, ok := strings.CutPrefix(credit, r)
		if !ok || strings.ContainsAny(r, "/／") {
			continue
		}
		rest = trimSpace(rest)
		name := rest
		for _, suf := range creditSuffixes {
			if n, ok := strings.CutSuffix(rest, suf); ok {
				name = trimSpace(n)
				break
			}
		}
		if name == rest || name == "" || strings.ContainsFunc(name, unicode.IsSpace) ||
			strings.ContainsAny(name, "、/／") || !runesAtMost(name, 5) {
			return credit, ""
		}
		return rest, r
	}
	return credit, ""
}

// namesOnly reports text made of byline roles and at least one short name: no word longer than
// a name, no sentence punctuation.
func namesOnly(s string) bool {
	if strings.ContainsAny(s, "，。,；;：:！？!?“”\"（）()《》【】0123456789０１２３４５６７８９%％") {
		return false
	}
	names := 0
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("、/／□■◎●▲◆◇", r)
	}) {
		unspaced := false
		for _, role := range bylineRoles {
			if rest := strings.TrimPrefix(f, role); rest != f {
				f, unspaced = rest, rest != ""
			}
		}
		if unspaced && !isSurnameStart(f) {
			return false
		}
		for _, suf := range creditSuffixes {
			f = strings.TrimSuffix(f, suf)
		}
		if !runesAtMost(f, 5) {
			return false
		}
		if f != "" {
			names++
		}
	}
	return names > 0 // "记者" alone is the start of a sentence cut short
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, p := range suffixes {
		if strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	if s == "" {
		return false
	}
	for _, p := range prefixes {
		if p[0] != s[0] { // most lines share no first byte with any prefix
			continue
		}
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// parseNumber reads ASCII, full-width or simple Chinese numerals (一 … 九十九).
func parseNumber(s string) int {
	n, seen := 0, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n, seen = n*10+int(r-'0'), true
		case r >= '０' && r <= '９':
			n, seen = n*10+int(r-'０'), true
		}
	}
	if seen {
		return n
	}
	const digits = "零一二三四五六七八九"
	tens, ones := 0, 0
	for _, r := range s {
		if r == '十' {
			tens = max(ones, 1)
			ones = 0
			continue
		}
		if i := strings.IndexRune(digits, r); i >= 0 {
			ones = i / 3
		}
	}
	return tens*10 + ones
}

// isSurnameStart reports a name starting with a common surname.
func isSurnameStart(name string) bool {
	r, _ := utf8.DecodeRuneInString(name)
	return strings.ContainsRune(surnames, r)
}
