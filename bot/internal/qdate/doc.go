// Package qdate reads the dates a question names, once, into values the answerer matches against
// the edition dates of an archive.
//
// Parse finds each date expression of a question: a day, a month or a year as written
// (2024年7月28日, 10月23日, 2023年), a relative word resolved later against a reference date (去年,
// 上个月, 上周, 昨天), a holiday (国庆, 春节: a period of dates, per year for the lunar ones), a
// part of a year (上半年, 前三季度) and a span (2023年1月1日至5月20日, 1到4月). A date written
// without its year takes the year of the expression before it in the question (去年国庆10月1日
// is 2025's 10月1日 when asked in 2026); alone it matches that day in any year.
//
// Expr.Windows resolves an expression against the reference date into the ranges of edition
// dates that may report it (the day to reportLags' day after; a span's figures from its end on),
// most specific first; Expr.Agrees tells whether an edition date is one of them. The words, the
// holidays' periods and the lags are data (lexicon/data/dates.txt).
package qdate
