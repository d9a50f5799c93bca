// Package pgvector keeps dense vectors in PostgreSQL with the pgvector extension (an HNSW index
// with cosine distance) behind langchaingo's vectorstores.VectorStore, for a library whose vectors
// outgrow one machine's memory. It is written over pgx rather than langchaingo's own pgvector
// store, which imports a module that is not an approved release here: vectors travel as
// '[…]'::vector text parameters, which pgvector parses itself.
package pgvector
