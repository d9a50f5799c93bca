// Package postgres keeps the bot's shared state in PostgreSQL, so that several `serve` processes
// can run as replicas of one bot: the library (editions and their articles) with a version that
// every change bumps and announces (NOTIFY), conversations (so a follow-up may reach any replica),
// and the Telegram update journal (each update claimed by one replica, leased, in per-chat order).
//
// The schema is versioned: the migrations embedded under migrations/ are applied at Open under an
// advisory lock (replicas starting together apply them once), and a database whose schema is newer
// than this binary knows is refused, so an old replica never writes to a schema it does not
// understand.
//
// Each replica keeps its search index in process (built from Articles); Follow tells it when the
// library changed, by LISTEN/NOTIFY with a periodic version check as fallback (a notification
// sent while a replica's listening connection was down is not lost on it).
//
// Connection strings hold passwords: errors of this package never include one, and Redact gives a
// form fit for logs.
package postgres
