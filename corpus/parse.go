package corpus

import "errors"

// Parse parses one edition file. name is its path or file name (used for the format, for metadata
// such as a YYYY-MM-DD date, and in errors); meta overrides what the file says.
// TODO(corpus): real implementation.
func Parse(name string, data []byte, meta Meta) (*Edition, error) {
	return nil, errors.New("corpus: Parse not implemented yet")
}
