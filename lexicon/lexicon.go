package lexicon

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

//go:embed data/*.txt
var files embed.FS

// row is one line of a section: an optional key and its entries.
type row struct {
	key    string
	keyed  bool
	values []string
}

// section is one named table.
type section struct {
	name  string
	where string // file:line of its header, for messages
	rows  []row
	keyed bool
	// groups: the rows are groups, and a word may stand in two of them (战胜 is both 赢了 and
	// 比分); in a plain list every entry is listed once.
	groups bool
}

// tables are the sections of all data files, loaded once when the package initialises.
var tables = func() map[string]*section {
	t, err := load(files)
	if err != nil {
		panic(err)
	}
	return t
}()

// load parses and validates every data/*.txt file of fsys.
func load(fsys fs.FS) (map[string]*section, error) {
	names, err := fs.Glob(fsys, "data/*.txt")
	if err != nil {
		return nil, fmt.Errorf("lexicon: listing data files: %w", err)
	}
	sort.Strings(names)
	all := map[string]*section{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("lexicon: reading %s: %w", name, err)
		}
		secs, err := parse(path.Base(name), string(b))
		if err != nil {
			return nil, err
		}
		for _, s := range secs {
			if prev, ok := all[s.name]; ok {
				return nil, fmt.Errorf("lexicon: %s: section [%s] already opened at %s", s.where, s.name, prev.where)
			}
			all[s.name] = s
		}
	}
	return all, nil
}

// parse reads one file's sections and validates each.
func parse(file, text string) ([]*section, error) {
	var secs []*section
	var cur *section
	for i, line := range strings.Split(text, "\n") {
		where := fmt.Sprintf("%s:%d", file, i+1)
		entries, err := tokens(line)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %s: %w", where, err)
		}
		if len(entries) == 0 {
			continue
		}
		if name, groups, ok := header(entries); ok {
			cur = &section{name: name, where: where, groups: groups}
			secs = append(secs, cur)
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("lexicon: %s: entries before any [section]", where)
		}
		if err := cur.add(entries, where); err != nil {
			return nil, fmt.Errorf("lexicon: %s: [%s]: %w", where, cur.name, err)
		}
	}
	for _, s := range secs {
		if err := s.validate(); err != nil {
			return nil, fmt.Errorf("lexicon: %s: [%s]: %w", s.where, s.name, err)
		}
	}
	return secs, nil
}

// header reports a "[name]" line, or "[name] groups" for a section of groups.
func header(entries []entry) (name string, groups, ok bool) {
	if len(entries) > 2 || entries[0].quoted {
		return "", false, false
	}
	if len(entries) == 2 && (entries[1].quoted || entries[1].text != "groups") {
		return "", false, false
	}
	t := entries[0].text
	if len(t) > 2 && t[0] == '[' && t[len(t)-1] == ']' {
		return t[1 : len(t)-1], len(entries) == 2, true
	}
	return "", false, false
}

// add appends a row, keyed when its first entry ends in an unquoted ":".
func (s *section) add(entries []entry, where string) error {
	r := row{}
	if first := entries[0]; !first.quoted && strings.HasSuffix(first.text, ":") && len(first.text) > 1 {
		r.key, r.keyed = strings.TrimSuffix(first.text, ":"), true
		entries = entries[1:]
	} else if first.quoted && len(entries) > 1 && entries[1].text == ":" && !entries[1].quoted {
		r.key, r.keyed = first.text, true // a quoted key: "x" : values
		entries = entries[2:]
	}
	if len(s.rows) > 0 && r.keyed != s.keyed {
		return fmt.Errorf("keyed and plain rows mixed")
	}
	s.keyed = r.keyed
	for _, e := range entries {
		r.values = append(r.values, e.text)
	}
	s.rows = append(s.rows, r)
	return nil
}

// validate refuses duplicates: a key given twice, a value twice under one key or in one group,
// and in a section of plain rows an entry listed twice anywhere.
func (s *section) validate() error {
	keys := map[string]bool{}
	words := map[string]bool{}
	for _, r := range s.rows {
		if r.keyed {
			if keys[r.key] {
				return fmt.Errorf("key %q given twice", r.key)
			}
			keys[r.key] = true
		}
		seen := map[string]bool{}
		for _, v := range r.values {
			if seen[v] {
				return fmt.Errorf("entry %q listed twice in one row", v)
			}
			seen[v] = true
		}
	}
	if s.keyed || s.groups {
		return nil
	}
	for _, r := range s.rows {
		for _, v := range r.values {
			if words[v] {
				return fmt.Errorf("entry %q listed twice", v)
			}
			words[v] = true
		}
	}
	return nil
}

// entry is one token of a line.
type entry struct {
	text   string
	quoted bool
}

// tokens splits a line into entries: whitespace separates them, "#" starts a comment, and a Go
// string literal is one entry.
func tokens(line string) ([]entry, error) {
	var out []entry
	for {
		line = strings.TrimLeftFunc(line, unicode.IsSpace)
		if line == "" || line[0] == '#' {
			return out, nil
		}
		if line[0] == '"' {
			lit, err := strconv.QuotedPrefix(line)
			if err != nil {
				return nil, fmt.Errorf("bad quoted entry %s: %w", line, err)
			}
			s, _ := strconv.Unquote(lit)
			out = append(out, entry{text: s, quoted: true})
			line = line[len(lit):]
			continue
		}
		end := strings.IndexFunc(line, unicode.IsSpace)
		if end < 0 {
			end = len(line)
		}
		out = append(out, entry{text: line[:end]})
		line = line[end:]
	}
}
