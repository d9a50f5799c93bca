package lexicon

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"
)

// Entry is one keyed row of a section: "面积: 平方 亩 公顷".
type Entry struct {
	Key    string
	Values []string
}

// get returns the section name, panicking when it is missing or its rows are not keyed as asked.
func get(name string, keyed bool) *section {
	s, ok := tables[name]
	if !ok {
		panic(fmt.Sprintf("lexicon: no section [%s]", name))
	}
	if len(s.rows) > 0 && s.keyed != keyed {
		panic(fmt.Sprintf("lexicon: %s: section [%s] read as keyed=%v", s.where, name, keyed))
	}
	return s
}

// Words returns the entries of a section of plain rows, in file order. The slice is full (its
// capacity is its length), so that appending to a table never writes into it.
func Words(name string) []string {
	var out []string
	for _, r := range get(name, false).rows {
		out = append(out, r.values...)
	}
	return slices.Clip(out)
}

// Set returns the entries of a section of plain rows as a set.
func Set(name string) map[string]bool {
	out := map[string]bool{}
	for _, w := range Words(name) {
		out[w] = true
	}
	return out
}

// Groups returns the rows of a section of plain rows, each row one group.
func Groups(name string) [][]string {
	var out [][]string
	for _, r := range get(name, false).rows {
		out = append(out, full(r.values))
	}
	return out
}

// Entries returns the keyed rows of a section, in file order.
func Entries(name string) []Entry {
	var out []Entry
	for _, r := range get(name, true).rows {
		out = append(out, Entry{Key: r.key, Values: full(r.values)})
	}
	return out
}

// Map returns the keyed rows of a section as a map from key to values.
func Map(name string) map[string][]string {
	out := map[string][]string{}
	for _, e := range Entries(name) {
		out[e.Key] = e.Values
	}
	return out
}

// Text returns the one value under key in a keyed section (a reply's text), panicking when the
// key is missing or holds more than one value: a programming error caught by any test that loads
// the package using it.
func Text(name, key string) string {
	for _, e := range Entries(name) {
		if e.Key == key {
			if len(e.Values) != 1 {
				panic(fmt.Sprintf("lexicon: section [%s]: key %q wants one text, has %d", name, key, len(e.Values)))
			}
			return e.Values[0]
		}
	}
	panic(fmt.Sprintf("lexicon: section [%s] has no key %q", name, key))
}

// Replacer returns a strings.Replacer of the keyed rows, each "from: to" with one value, in file
// order (at one position the earlier pair wins).
func Replacer(name string) *strings.Replacer {
	var pairs []string
	for _, e := range Entries(name) {
		if len(e.Values) != 1 {
			panic(fmt.Sprintf("lexicon: section [%s]: key %q wants one replacement, has %d", name, e.Key, len(e.Values)))
		}
		pairs = append(pairs, e.Key, e.Values[0])
	}
	return strings.NewReplacer(pairs...)
}

// Quote writes an entry as the data files do: bare, or as a Go string literal when it holds a
// space, a quote or a "#", is empty, opens with "[" or ends in ":".
func Quote(s string) string {
	if s == "" || strings.ContainsAny(s, "\"#") || strings.HasPrefix(s, "[") || strings.HasSuffix(s, ":") ||
		strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }) {
		return fmt.Sprintf("%q", s)
	}
	return s
}

// full copies s into a slice whose capacity is its length: callers may append to what they get
// without writing into the tables.
func full(s []string) []string { return slices.Clip(slices.Clone(s)) }

// String returns the entries of a section of plain rows joined without a separator: a character
// set ("人名位") or a regular expression of alternatives, which a long row may split.
func String(name string) string { return strings.Join(Words(name), "") }

// Fill sets each field of the struct dst points to (all exported strings) to the one value of a
// keyed section under the field's name with its first letter lowered (NonText ← "nonText: …"). It
// panics when a field has no key, a key no field, or a key more than one value: the section and
// the code reading it stay in step, checked when the package that calls Fill loads.
func Fill(name string, dst any) {
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("lexicon: Fill(%s) wants a pointer to a struct, has %T", name, dst))
	}
	texts := map[string]string{}
	for _, e := range Entries(name) {
		if len(e.Values) != 1 {
			panic(fmt.Sprintf("lexicon: section [%s]: key %q wants one text, has %d", name, e.Key, len(e.Values)))
		}
		texts[e.Key] = e.Values[0]
	}
	s, t := v.Elem(), v.Elem().Type()
	for i := range t.NumField() {
		f := t.Field(i)
		key := strings.ToLower(f.Name[:1]) + f.Name[1:]
		text, ok := texts[key]
		if !ok || f.Type.Kind() != reflect.String || !f.IsExported() {
			panic(fmt.Sprintf("lexicon: section [%s] has no text %q for field %s", name, key, f.Name))
		}
		s.Field(i).SetString(text)
		delete(texts, key)
	}
	for key := range texts {
		panic(fmt.Sprintf("lexicon: section [%s]: key %q is read by no field", name, key))
	}
}
