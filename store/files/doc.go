// Package files keeps the bot's state in the data folder when no database is configured: the
// conversations (so a restart keeps readers' follow-ups) as an append-only log of turns,
// compacted when it opens and when it has grown well past what is live.
package files
