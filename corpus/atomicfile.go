package corpus

// WriteFileAtomic replaces path with data through a synced temporary file in the same folder
// renamed over it, so that a crash leaves the old or the new content, never a mix. Small state
// files beside the library (feed validators, subscriptions) use it as the editions do.
func WriteFileAtomic(path string, data []byte) error { return writeAtomic(path, data) }
