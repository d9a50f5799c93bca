package web

import (
	"net/http"
	"strconv"

	"newsbot/corpus"
)

// EditionJSON is one entry of GET /api/editions: a paper's issue of one date, as the library
// holds it (the articles of that paper and date, whatever files or feeds they came from).
type EditionJSON struct {
	Date      string         `json:"date"`  // YYYY-MM-DD, "" when unknown
	Paper     string         `json:"paper"` // "" when unknown
	Label     string         `json:"label"` // how citations name it, e.g. "青山日报 2026-12-07"
	Articles  int            `json:"articles"`
	Headlines []HeadlineJSON `json:"headlines,omitempty"` // with ?headlines=1, in page order
}

// HeadlineJSON names one article of an edition.
type HeadlineJSON struct {
	ID       string `json:"id"`
	Kicker   string `json:"kicker"` // "" when the article has none: every field is always present
	Headline string `json:"headline"`
	Page     string `json:"page"`
}

// Editions lists the issues of arts (a paper's articles of one date), newest first, with their
// headlines in library order.
func Editions(arts []corpus.Article) []EditionJSON {
	issues := corpus.Issues(arts)
	out := make([]EditionJSON, len(issues))
	for i, is := range issues {
		e := EditionJSON{Date: is.Date, Paper: is.Paper, Articles: len(is.Articles), Label: is.Label()}
		for _, a := range is.Articles {
			e.Headlines = append(e.Headlines, HeadlineJSON{ID: a.ID, Kicker: a.Kicker, Headline: a.Headline(), Page: a.Page})
		}
		out[i] = e
	}
	return out
}

// handleEditions lists the editions, newest first: ?limit= bounds how many, ?headlines=1 adds
// each one's headlines (the page shows the newest edition's).
func (s *Server) handleEditions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := nonNegativeParam(q.Get("limit"), -1)
	if err != nil {
		writeError(w, http.StatusBadRequest, "parameter limit: "+err.Error())
		return
	}
	withHeadlines := false
	switch q.Get("headlines") {
	case "", "0", "false":
	case "1", "true":
		withHeadlines = true
	default:
		writeError(w, http.StatusBadRequest, "parameter headlines: want 1 or 0, got "+q.Get("headlines"))
		return
	}
	eds := Editions(s.opts.Asker.Articles())
	w.Header().Set("X-Total-Count", strconv.Itoa(len(eds)))
	if limit >= 0 && limit < len(eds) {
		eds = eds[:limit]
	}
	if !withHeadlines {
		for i := range eds {
			eds[i].Headlines = nil
		}
	}
	writeJSON(w, http.StatusOK, eds)
}
