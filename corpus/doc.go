// Package corpus turns raw newspaper editions (plain text in any common Chinese encoding, e-paper
// HTML pages, JSON Lines records) into clean, citable articles, and keeps the library of ingested
// editions on disk.
//
// The domain types (Article, Edition) live here; every other package consumes them.
package corpus
