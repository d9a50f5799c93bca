// Package corpus turns raw newspaper editions (plain text in any common Chinese encoding, e-paper
// HTML pages, JSON Lines records, RSS/Atom/JSON feeds) into clean, citable articles, and keeps
// the library of ingested editions on disk.
//
// The domain types (Article, Edition, Meta) live here; every other package consumes them.
//
// # Parsing
//
// Parse takes one file. The format comes from the content when it is unmistakable (a feed, HTML
// markup, JSON), then from Meta.ContentType (a server's Content-Type), then from the extension
// (.txt, .html/.htm, .jsonl/.json, .rss/.atom). The encoding is detected, never configured: a BOM, valid
// UTF-8, UTF-16 with or without a BOM, else GB18030 (a superset of GBK and GB2312) or Big5,
// whichever decoding yields more of the common Chinese characters and fewer invalid sequences.
// Text is kept as written (full-width and ASCII punctuation, traditional characters), so a
// quote taken from Article.Text is an exact substring of the article.
//
// A plain-text edition is read as a newspaper page extracted to text: page headers
// ("2024年11月8日 星期五 第2版 要闻") set the page and date; the short lines above a dateline or
// byline ("本报讯 (记者 朱梦琪)", "本报记者 张三 通讯员 李四") are the headline; the byline's
// words go to Article.Byline and what is left of the dateline ("本报讯()") is recorded in
// Edition.Labels; a body line that does not end a sentence is continued by the next (paragraphs
// cut at column and page breaks are rejoined, also around a photo set in between); a paragraph
// followed by a credit ("徐芊卉 摄") is a photo caption, and a short label after it its column; a
// credit naming one person after a role word ("本报记者 陆思远 摄") gives the byline "陆思远 摄",
// the role word being recorded in Edition.Labels; "（转第2版）" / "（上接第1版）" join
// an article continued on another page (the repeated headline and the markers are recorded as
// labels). Nothing is lost: every non-space character of the input ends up in exactly one of
// the articles' Column, Kicker, Title, Byline and Text, or in Edition.Headers or Edition.Labels.
//
// # Feeds
//
// An RSS 2.0 (or 1.0), Atom 1.0 or JSON Feed 1.1 document is read with Parse like any edition
// file (Edition.Format FormatFeed): each item's HTML (content:encoded, else description; Atom
// content, else summary; content_html, else content_text) goes through the HTML article reader,
// so an e-paper item's 引题 (<h3>), 标题 (<h1>), 副题 (<h2>) and byline block come out as on its
// page. The item gives Article.URL (its link), Article.GUID (its guid or Atom/JSON Feed id, else
// its link), Article.Date (its pubDate/published/date_published, as the day in the time zone it is
// written in; a date written in UTC as the day in China time, unless the feed names another
// language) and, when the content has no headline, Article.Title; the feed's title gives the
// paper. A feed item's Article.ID derives from its GUID alone, so the same item has the same ID in
// every poll, in whatever edition: a poller skips an item whose ID it holds and replaces one whose
// text changed. Items without content are listed in Edition.Skipped; a feed that is not
// well-formed is refused with ErrMalformed.
//
// # Markdown notes
//
// Markdown with YAML front matter (Edition.Format FormatMarkdown, told by a front matter block
// opening the file, or by a .md name) may hold several notes, each opened by its "---" block
// (title, date, author or authors, source_url, paper or source, page). A note's headings before
// its text are its headline, by level: "### " the kicker, "# " the title, "## " the subtitle; a
// quoted line under them ("> 本报记者  某某《人民日报》（2025年01月05日第 01 版）") gives the byline,
// paper, date and page. The front matter gives date and URL, and the title and byline when the
// body has none. It is recorded in Edition.Headers (less a value taken for a field), and the
// Markdown marks ("#", ">") in Edition.Labels, so every character still lands in one place.
//
// # Scraper text and bylines
//
// Text as e-paper scrapers save it (every body paragraph indented with ideographic spaces, each
// article's 引题, 标题 and 副题 on unindented lines above it) is cut at each run of up to three
// unindented lines above an indented paragraph, whether or not a dateline opens that paragraph;
// when every such block spans three lines with its blank ones (an empty 引题 or 副题 left as a
// blank line), each line's position gives its role. Bylines written with a slash ("報導．攝影╱某某",
// "撰文╱… 攝影╱…", "文／… 圖／…", "記者某某／台北報導") are read like "本报记者 某某", in text and
// on article pages, where the elements right under the headline (an author <h4>, a date and source
// line) give byline, date, paper and page.
//
// # Headlines
//
// A headline is set as up to three lines: a kicker (引题, Article.Kicker), the main title (主题,
// Article.Title, the headline citations show) and a subtitle (副题), with at most a column label
// above (Article.Column). The roles come from what the lines say, not from their position alone:
// a line starting with a dash ("——") is a subtitle; a kicker is a slogan-like phrase (quoted or
// bracketed words, parallel phrases such as "稻香满田畴 丰收正当时", slogan words) clearly shorter
// than the title and without figures; a subtitle carries specifics (figures with units, 将, 计划,
// 同步 …) or explains in clauses. When two lines are of about the same weight and neither is a
// clear kicker, the first is the main title and the second its subtitle. A line of 20 characters
// or more goes on with the next one (a long title wrapped) unless that one is clearly a subtitle,
// and so does a line the next one finishes ("…越走越宽" / "广——写在…"). The articles contract has
// no subtitle field: a subtitle opens Article.Text as its first paragraph, so it stays
// searchable and quotable and every character stays in one field.
//
// Metadata is never invented: paper and date come from Meta (the ingest flags), then from the
// path (YYYY-MM-DD or YYYYMMDD), then from page headers or the records themselves.
//
// Refused input gives a *ParseError naming the file and wrapping ErrEmpty, ErrBinary,
// ErrUndecodable, ErrNoArticles or ErrMalformed (test with errors.Is).
//
// # IDs
//
// Edition.ID hashes paper, date and the file's base name, so re-ingesting an edition replaces it.
// Article.ID hashes the edition ID with the item's position and headline (with the record id for
// JSON Lines), so it is stable across re-ingests; a feed item's hashes its GUID alone.
//
// # Library
//
// OpenLibrary opens a folder holding one JSON file per edition (DIR/editions/<id>.json), each
// written atomically (temporary file, fsync, rename): a crash or an interrupt leaves the
// previous library intact. Articles lists the stored articles, or the built-in edition's when
// none is stored; Fingerprint tells whether a saved search index is stale. Ingest walks files and
// folders, takes each file whole or not at all, reports progress per file, and stops between
// files when its context is cancelled.
package corpus
