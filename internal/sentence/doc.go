// Package sentence is the one sentence splitter of the module: retrieval cuts articles into
// sentences for its chunks and passages with it, and the answerer cuts the articles it reads.
// Each caller states its rules (which runes end a sentence, which stay with it, whether quoted
// speech stays whole, how long a sentence may be), so that a difference in how the two stages
// split is a visible value rather than a second splitter.
package sentence
