// Package bot answers questions about the library with verified citations. Engine.Ask resolves
// follow-ups from the conversation, retrieves passages, and answers extractively by default or
// through an LLM (langchaingo) when one is configured. Channels (bot/telegram, bot/web and the
// terminal in cmd/newsbot) wrap the Engine.
package bot
