// Package fetch downloads editions over HTTP for ingest and for scheduled polling: feeds and
// e-paper article pages named by http(s) URLs.
//
// A Client is careful with servers it does not control: only http and https, a timeout on the
// whole request, a cap on the body read through io.LimitReader (a larger body is refused, never
// truncated into a half edition), a bounded number of redirects (each one http or https too), a
// User-Agent naming the bot, and conditional requests (If-None-Match, If-Modified-Since) from
// the validators of the previous answer. Every error names the URL, and an HTTP error its
// status.
package fetch
