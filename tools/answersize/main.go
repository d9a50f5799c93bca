// Command answersize measures the answerer's code for issue #10's limits: over bot/ and its
// subpackages (bot/web, bot/telegram, bot/metrics, bot/bottest and tests aside) it counts
// packages, files, lines, Go string literals holding a Han character and Han rune literals ('在',
// '个') (comments are not literals), functions over 60 lines and files over 500 lines.
//
//	go run ./tools/answersize [-v] [-all] [ROOT]
//
// -all counts every non-test Go file under bot/, the channels and test helpers too (the broad
// count of Chinese literals).
// -v lists the literals per file (string literals, then rune literals); LITS=1 in the environment
// prints each literal.
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// excluded are the folders under bot/ that are channels or test helpers, not the answerer.
var excluded = []string{"bot/web", "bot/telegram", "bot/metrics", "bot/bottest", "bot/testdata"}

// sizes is what one run measures.
type sizes struct {
	pkgs                map[string]bool
	files, lines, lits  int
	runes               int
	perFile             map[string]int
	runesPerFile        map[string]int
	longFuncs, longFile []string
}

func main() {
	args := os.Args[1:]
	verbose, all := false, false
	for len(args) > 0 && (args[0] == "-v" || args[0] == "-all") {
		verbose, all = verbose || args[0] == "-v", all || args[0] == "-all"
		args = args[1:]
	}
	root := "."
	if len(args) > 0 {
		root = args[0]
	}
	s := sizes{pkgs: map[string]bool{}, perFile: map[string]int{}, runesPerFile: map[string]int{}}
	err := filepath.Walk(filepath.Join(root, "bot"), func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if info.IsDir() && !all {
			for _, ex := range excluded {
				if rel == ex {
					return filepath.SkipDir
				}
			}
		}
		if info.IsDir() {
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		return s.add(p, rel)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "answersize:", err)
		os.Exit(1)
	}
	s.print(verbose)
}

// add measures one Go file.
func (s *sizes) add(path, rel string) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	s.pkgs[filepath.Dir(rel)] = true
	s.files++
	n := fset.File(f.Pos()).LineCount()
	s.lines += n
	if n > 500 {
		s.longFile = append(s.longFile, fmt.Sprintf("%s %d", rel, n))
	}
	ast.Inspect(f, func(x ast.Node) bool {
		switch v := x.(type) {
		case *ast.BasicLit:
			s.literal(fset, rel, v)
		case *ast.FuncDecl:
			if l := fset.Position(v.End()).Line - fset.Position(v.Pos()).Line + 1; l > 60 {
				s.longFuncs = append(s.longFuncs, fmt.Sprintf("%s:%s %d", rel, v.Name.Name, l))
			}
		}
		return true
	})
	return nil
}

// literal counts a string or rune literal holding a Han character.
func (s *sizes) literal(fset *token.FileSet, rel string, v *ast.BasicLit) {
	if strings.IndexFunc(v.Value, isHan) < 0 {
		return
	}
	switch v.Kind {
	case token.STRING:
		s.lits++
		s.perFile[rel]++
	case token.CHAR:
		s.runes++
		s.runesPerFile[rel]++
	default:
		return
	}
	if os.Getenv("LITS") != "" {
		fmt.Printf("L %s:%d %s\n", rel, fset.Position(v.Pos()).Line, v.Value)
	}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// print writes the summary line, the functions and files over the limits, and with verbose the
// literals per file, most first.
func (s *sizes) print(verbose bool) {
	fmt.Printf("packages %d files %d lines %d han-literals %d han-runes %d funcs>60 %d files>500 %d\n",
		len(s.pkgs), s.files, s.lines, s.lits, s.runes, len(s.longFuncs), len(s.longFile))
	for _, f := range s.longFuncs {
		fmt.Println("  long func", f)
	}
	for _, f := range s.longFile {
		fmt.Println("  long file", f)
	}
	if !verbose {
		return
	}
	printCounts("lits", s.perFile)
	printCounts("runes", s.runesPerFile)
}

// printCounts lists per-file counts, most first.
func printCounts(what string, perFile map[string]int) {
	var ks []string
	for k := range perFile {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if perFile[ks[i]] != perFile[ks[j]] {
			return perFile[ks[i]] > perFile[ks[j]]
		}
		return ks[i] < ks[j]
	})
	for _, k := range ks {
		fmt.Println(" ", what, k, perFile[k])
	}
}
