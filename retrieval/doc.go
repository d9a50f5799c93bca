// Package retrieval finds the passages of a library that answer a Chinese question: articles are
// cut into sentence-aware chunks, embedded into an in-process chromem-go store (dense search) and
// indexed by a Chinese lexical BM25 index (gse words plus character bigrams); the two rankings are
// fused per article.
package retrieval
