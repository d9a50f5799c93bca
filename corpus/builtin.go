package corpus

import (
	_ "embed"
	"sync"
)

// BuiltinName is the file name of the built-in edition: one page of a Wujin district daily
// (武进区, Changzhou), November 2024, the edition the bot serves when the library is empty.
const BuiltinName = "wujin-2024-11.txt"

//go:embed builtin/wujin-2024-11.txt
var builtinText []byte

var builtinOnce = sync.OnceValues(func() (*Edition, error) {
	return Parse(BuiltinName, builtinText, Meta{})
})

// Builtin returns the built-in edition, parsed once per process.
func Builtin() (*Edition, error) { return builtinOnce() }

// BuiltinText returns the raw bytes of the built-in edition.
func BuiltinText() []byte { return append([]byte(nil), builtinText...) }
