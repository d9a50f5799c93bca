// Package pgvector keeps dense vectors in PostgreSQL with the pgvector extension (an HNSW index
// with cosine distance) behind langchaingo's vectorstores.VectorStore, for a library whose vectors
// outgrow one machine's memory. It is written over pgx rather than langchaingo's own pgvector
// store, which imports a module that is not an approved release here: vectors travel as
// '[…]'::vector text parameters, which pgvector parses itself.
//
// The same Store is the dense half of retrieval's fused search with --vectors pgvector
// (retrieval.DenseStore: Nearest, Similarities): the table holds each chunk's vector under its
// retrieval.ChunkKey with the source (edition) it came from; <table>_sources the stamp of each
// source stored, <table>_embedder the embedder (and a local embedder's IDF) they were embedded
// with. PutSource replaces a source's chunks in one transaction, RemoveSources deletes them,
// Bulk builds the HNSW index after a first fill. A database without pgvector fails with
// ErrNoExtension, a table of another dimension with ErrDimension.
package pgvector
