// Package telegram is newsbot's Telegram channel: a Bot that answers readers' questions in
// private chats and groups, with numbered sources and buttons that open the cited articles.
//
// It is built to hold up in real use rather than on the happy path:
//
//   - Updates arrive by long polling (its own loop over getUpdates, never GetUpdatesChan) or by a
//     webhook checked with a secret token. Every update is written to a journal in
//     Config.StateDir (telegram-<bot id>.journal.json) before Telegram is told it arrived (the
//     next getUpdates offset, or the webhook's 200), and marked handled only after its answer
//     went out. A restart answers the journaled updates first and drops redelivered ones by ID,
//     so it neither loses nor repeats answers, even after a crash between getUpdates and the
//     answer. Writes are whole-file (temp file, fsync, rename), shared by concurrent callers.
//     Replicas of one bot share a journal instead (Config.Journal, a SharedJournal such as
//     store/postgres'): an update is accepted by one replica, held under a renewed lease, taken
//     over by another when the lease lapses, and a chat's updates wait for its earlier ones
//     wherever they are; Config.PollLock lets one replica poll at a time.
//   - A fixed pool of workers answers chats concurrently while keeping each chat's answers in
//     order. Outgoing messages are paced below Telegram's limits (Limits: 30/s overall, 1/s per
//     private chat, 20/min per group, each window 10% longer for network jitter); 429s wait
//     retry_after, and 5xx, HTML error pages and network errors back off exponentially with
//     jitter. Users get a per-user question rate limit with a friendly note.
//   - Users see HTML-escaped answers as replies, with numbered sources (headline, byline,
//     edition) and "原文 [n]" buttons; long articles are split at paragraph boundaries under
//     Telegram's 4096 UTF-16 unit limit. /start, /help, /articles, /article N and /ask are
//     registered in Chinese with setMyCommands; admins also get /reload and /stats.
//   - In groups the bot answers only when mentioned, replied to, or asked with /ask; a bare
//     mention or /ask in reply to someone's message asks that message. A caption is read as the
//     message's text. Anonymous admins and channels speaking in a group are answered (by the
//     chat they speak for); other bots never are. A reply to one of the bot's answers continues
//     that answer's conversation; a group's conversation follows it into its supergroup.
//   - An update the library cannot decode is confirmed and skipped, not retried forever. An
//     answer the server refuses as unparsable HTML or as too long is resent as plain text (in
//     halves when too long); a 403 (blocked, removed from the group) only drops that answer.
//   - The bot token never reaches a log line or an error: every library error is redacted,
//     and the logger is wrapped to redact anything that slips through.
//   - /subscribe [HH:MM] and /unsubscribe: each new edition (the newest date's articles of a
//     paper) goes to each subscriber once, as one message of headlines with a button asking
//     about each, when it lands (EditionsChanged, or the check every minute) or at the chat's
//     daily time in Config.TimeZone. Subscriptions (Config.Subscriptions, a file by default)
//     record each delivery before sending and never send a recorded one again, so a crash after
//     Telegram took the message does not repeat it; a subscriber Telegram refuses is dropped.
//
// Run stops on its context (SIGINT/SIGTERM in cmd/newsbot): polling ends, answers in progress
// get Config.ShutdownTimeout to finish, and whatever is left stays in the journal for the next
// start.
//
// The engine is reached through the small Asker interface, which *bot.Engine satisfies. The
// telegramtest package holds a fake Bot API server for tests.
package telegram
