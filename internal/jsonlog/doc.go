// Package jsonlog is an append-only file of JSON lines that a process rewrites whole now and
// then with only what is still live: the on-disk form of the state kept in the data folder without
// a database (conversations, which answer each Telegram message carried). A crash loses at most a
// torn last line, which the reader skips.
package jsonlog
