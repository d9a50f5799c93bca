// Package lexicon holds the word lists of the answerer and of retrieval as data: text files under
// data/, embedded with go:embed, parsed and validated when the package loads. Go code names a
// table by its section and reads it through Words, Set, Groups, Entries, Map, Replacer or String; it keeps
// no Chinese word lists of its own beyond a few grammatical particles.
//
// # Format
//
// A file holds sections. A line "[name]" opens the section name (names are unique across files),
// "[name] groups" a section whose rows are groups (a word may then stand in two groups);
// "#" starts a comment that runs to the end of the line. Each other line is one row of
// whitespace-separated entries. A row may open with a key, an entry ending in ":" ("面积: 平方 亩
// 公顷"), and then its values. An entry that holds a space, a quote, a "#", is empty or ends in ":"
// is written as a Go string literal (" 去年 ", "").
//
// How a section reads depends on the accessor: Words gives all entries in order, Groups each row,
// Entries and Map each keyed row, Replacer the keyed rows as from/to pairs, String the entries
// joined (a character set or a regular expression of alternatives).
//
// # Validation
//
// Loading fails, naming the file and line, on a section opened twice, an entry listed twice in a
// word list or in one group, a key given twice, a value given twice under one
// key, or a section mixing keyed and plain rows. An accessor asked for a section that does not
// exist, or of the wrong shape, panics: that is a programming error caught by any test that loads
// the package using it.
package lexicon
