// Package telegram is newsbot's Telegram channel: a Bot that answers readers' questions in
// private chats and groups, with numbered sources and buttons that open the cited articles.
//
// It is built to hold up in real use rather than on the happy path:
//
//   - Updates arrive by long polling (its own loop over getUpdates, never GetUpdatesChan) or by a
//     webhook checked with a secret token. Every update is journaled in Config.StateDir before
//     Telegram is told it was received, and marked handled only after its answer went out, so a
//     restart neither loses nor repeats answers.
//   - A fixed pool of workers answers chats concurrently while keeping each chat's answers in
//     order; outgoing messages are paced below Telegram's limits (Limits), 429s wait retry_after,
//     and 5xx, HTML error pages and network errors back off exponentially with jitter.
//   - Users see HTML-escaped answers as replies with numbered sources and "原文 [n]" buttons;
//     long articles are split at paragraph boundaries under Telegram's 4096 UTF-16 unit limit.
//   - The bot token never reaches a log line or an error: every library error is redacted.
//
// The engine is reached through the small Asker interface; bot.Engine satisfies it. The
// telegramtest package holds a fake Bot API server for tests.
package telegram
