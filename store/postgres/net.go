package postgres

import (
	"errors"
	"io"
	"net"
	"strings"
)

// isNetErr reports an error of the network under the database connection: refused, reset, closed.
func isNetErr(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return true
	}
	// pgx wraps some transport failures as plain text once the connection is closed.
	return strings.Contains(err.Error(), "conn closed") || strings.Contains(err.Error(), "closed pool")
}
