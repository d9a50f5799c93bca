package retrieval

// Words cuts folded text into the segmenter's words, in order (punctuation and spaces as words of
// their own), for callers that want word boundaries rather than index terms: the answer-span
// model (bot/internal/spanfit) places a span's edges on them.
func Words(folded string) []string { return segmenter().Cut(folded, false) }
