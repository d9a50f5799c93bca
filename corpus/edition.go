package corpus

// Edition is one ingested input file: its articles and whatever was recorded besides them (page
// headers, labels) so that no character of the input is lost.
type Edition struct {
	ID       string    `json:"id"`     // stable key: re-ingesting the same edition replaces it
	Source   string    `json:"source"` // base name of the file it came from
	Paper    string    `json:"paper"`
	Date     string    `json:"date"`
	Format   string    `json:"format,omitempty"`   // FormatText, FormatHTML, FormatJSONL or FormatFeed
	Encoding string    `json:"encoding,omitempty"` // detected encoding of the file, e.g. "GB18030"
	Checksum string    `json:"checksum,omitempty"` // of the file's bytes: the same file ingested again replaces its edition
	Headers  []string  `json:"headers,omitempty"`  // page headers, e.g. "2024年11月8日 星期五 第2版 要闻"
	Labels   []string  `json:"labels,omitempty"`   // other recorded text: datelines ("本报讯()"), jump markers and repeated headlines, stray labels and credits
	Skipped  []string  `json:"skipped,omitempty"`  // records left out, with the reason (e.g. an empty JSON Lines text)
	Articles []Article `json:"articles"`

	recordIDs []string // JSON Lines: each article's record id, from which its ID derives
}

// Meta is what the user says of an edition at ingest (flags); it wins over what the parser finds.
type Meta struct {
	Paper string // newspaper name
	Date  string // YYYY-MM-DD
	// ContentType is a hint where the file came from a server ("application/rss+xml"): the
	// format comes from the content when it is unmistakable, then from this, then from the name.
	ContentType string
}

// IsFeed reports a feed document: its items carry guids, by which a later copy of the feed (a
// poll, a dropped or ingested file) recognises them.
func (ed *Edition) IsFeed() bool {
	for _, a := range ed.Articles {
		if a.GUID != "" {
			return true
		}
	}
	return false
}
