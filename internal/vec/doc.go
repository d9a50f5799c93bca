// Package vec holds the one vector normalisation of the module: the local embedder, the dense
// index and the fake OpenAI server's embeddings all scale vectors to unit length through it.
package vec
