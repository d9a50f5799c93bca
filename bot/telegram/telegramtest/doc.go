// Package telegramtest is a fake Telegram Bot API server for tests: an httptest server that
// accepts the form-encoded requests telegram-bot-api sends (getMe, getUpdates with long
// polling, sendMessage, editMessageText, sendChatAction, answerCallbackQuery, setMyCommands,
// setWebhook, deleteWebhook, getWebhookInfo) and answers with Telegram's JSON and error shapes.
//
// It checks what real Telegram checks and records every violation (Errors): HTML parse mode
// entities, the 4096 UTF-16 unit text limit, 1-64 byte callback_data, answering a callback
// twice, unknown chats. It enforces outgoing message limits (Limits) by answering 429 with
// retry_after, and it can inject faults per method: 429s, JSON or HTML 5xx pages, and requests
// that hang until the client gives up.
//
// Tests post updates with Post and Press, point the bot at Endpoint, and wait for what it sent
// with Wait, which wakes on every change rather than polling on a timer.
package telegramtest
