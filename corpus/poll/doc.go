// Package poll brings editions in by themselves: it polls feeds and article pages on a schedule
// and ingests the files an e-paper export drops into a folder, merging what is new into the
// library item by item.
//
// Polling is conditional (the ETag and Last-Modified of the last copy taken in are kept in
// StateFile in the data folder, across restarts) and backs off on failures. A failed or garbage
// poll (an HTTP error, an error page served where a feed was, a body over the size cap, a
// document that does not parse, a server that never answers) is logged and changes nothing:
// the library is written only with documents that parsed, an edition at a time, atomically.
// The next poll starts afresh.
//
// Merge decides item by item: an item already held (same link, same ID, or the same text) is
// skipped, one held in an older version is replaced, a new one joins its source's edition of
// its date. After a round that changed the library the Poller calls Options.Changed, which in
// cmd/newsbot rebuilds the index and swaps it into the running engine, so new articles are
// answerable without a restart and without a pause in answering.
package poll
