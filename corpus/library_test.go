package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func openTestLibrary(t *testing.T) *Library {
	t.Helper()
	lib, err := OpenLibrary(t.TempDir())
	if err != nil {
		t.Fatalf("OpenLibrary: %v", err)
	}
	return lib
}

func parseTestFile(t *testing.T, name string, meta Meta) *Edition {
	t.Helper()
	ed, err := Parse(name, readFile(t, filepath.Join(editionsDir, name)), meta)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return ed
}

func TestLibraryEmptyServesBuiltin(t *testing.T) {
	lib := openTestLibrary(t)
	got, err := lib.Articles()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Builtin()
	if !reflect.DeepEqual(got, b.Articles) {
		t.Errorf("empty library's Articles() = %d articles, want the %d of the built-in edition", len(got), len(b.Articles))
	}
	eds, err := lib.Editions()
	if err != nil || len(eds) != 0 {
		t.Errorf("Editions() = %d, %v; want none", len(eds), err)
	}
}

func TestLibraryAddReplaceRemove(t *testing.T) {
	lib := openTestLibrary(t)
	fp0, err := lib.Fingerprint()
	if err != nil {
		t.Fatal(err)
	}
	a := parseTestFile(t, "2024-11-08-multipage.txt", Meta{})
	b := parseTestFile(t, "gbk-edition.txt", Meta{Paper: "武进日报"})
	for _, ed := range []*Edition{b, a} {
		if err := lib.Add(ed); err != nil {
			t.Fatalf("Add(%s): %v", ed.Source, err)
		}
	}
	fp1, _ := lib.Fingerprint()
	if fp1 == fp0 {
		t.Errorf("fingerprint unchanged after adding editions")
	}
	// Re-adding the same edition replaces it: no duplicate, same fingerprint.
	again := parseTestFile(t, "2024-11-08-multipage.txt", Meta{})
	if replaced, err := lib.add(again); err != nil || !replaced {
		t.Fatalf("re-add = replaced %v, %v; want replaced", replaced, err)
	}
	if fp2, _ := lib.Fingerprint(); fp2 != fp1 {
		t.Errorf("fingerprint changed after re-adding the same edition: %s → %s", fp1, fp2)
	}
	eds, err := lib.Editions()
	if err != nil {
		t.Fatal(err)
	}
	gotOrder := []string{eds[0].Source, eds[1].Source}
	if want := []string{"2024-11-08-multipage.txt", "gbk-edition.txt"}; len(eds) != 2 || !slices.Equal(gotOrder, want) {
		t.Fatalf("Editions() = %q, want %q (by date)", gotOrder, want)
	}
	if !reflect.DeepEqual(eds[0], a) {
		t.Errorf("stored edition differs from the added one after a round trip")
	}
	arts, _ := lib.Articles()
	if want := len(a.Articles) + len(b.Articles); len(arts) != want {
		t.Errorf("Articles() = %d, want %d", len(arts), want)
	}
	if err := lib.Remove(a.ID); err != nil {
		t.Fatal(err)
	}
	if eds, _ := lib.Editions(); len(eds) != 1 || eds[0].ID != b.ID {
		t.Errorf("after Remove, Editions() = %v", eds)
	}
	assertNoTemps(t, lib)
}

// TestLibraryStamps checks that every stored edition has a stamp and that rewriting one, even
// with the same content at once, changes its stamp only.
func TestLibraryStamps(t *testing.T) {
	lib := openTestLibrary(t)
	a := parseTestFile(t, "2024-11-08-multipage.txt", Meta{})
	b := parseTestFile(t, "gbk-edition.txt", Meta{Paper: "武进日报"})
	for _, ed := range []*Edition{a, b} {
		if err := lib.Add(ed); err != nil {
			t.Fatal(err)
		}
	}
	before, err := lib.Stamps()
	if err != nil || len(before) != 2 || before[a.ID] == "" || before[b.ID] == "" {
		t.Fatalf("Stamps() = %v, %v; want both editions", before, err)
	}
	if err := lib.Add(a); err != nil {
		t.Fatal(err)
	}
	after, _ := lib.Stamps()
	if after[a.ID] == before[a.ID] || after[b.ID] != before[b.ID] {
		t.Errorf("after rewriting %s: stamps %v → %v; want only its stamp changed", a.ID, before, after)
	}
	if err := lib.Remove(b.ID); err != nil {
		t.Fatal(err)
	}
	if after, _ := lib.Stamps(); len(after) != 1 {
		t.Errorf("after removing %s: %v", b.ID, after)
	}
}

func assertNoTemps(t *testing.T, lib *Library) {
	t.Helper()
	entries, _ := os.ReadDir(lib.editionsDir())
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestLibraryCorruptFile: a damaged edition file is skipped by readers (and named with its
// reason), the others are served, and the next writer moves it to the quarantine, intact.
func TestLibraryCorruptFile(t *testing.T) {
	tests := []struct{ name, content string }{
		{"truncated", `{"id": "abc", "articles": [`},
		{"wrong-id", `{"id": "other", "articles": []}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lib := openTestLibrary(t)
			if err := lib.Add(parseTestFile(t, "2024-11-08-multipage.txt", Meta{})); err != nil {
				t.Fatal(err)
			}
			path := lib.editionPath("abc")
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			var damage []Damage
			lib.OnDamage(func(d Damage) { damage = append(damage, d) })
			eds, err := lib.Editions()
			if err != nil || len(eds) != 1 {
				t.Fatalf("Editions() = %d editions, %v; want the good one served", len(eds), err)
			}
			if len(damage) != 1 || damage[0].File != path || !errors.Is(damage[0].Err, ErrCorruptEdition) ||
				!strings.Contains(damage[0].String(), path) {
				t.Errorf("damage reported %v, want %s as a corrupt edition file", damage, path)
			}
			if d, err := lib.Check(); err != nil || len(d) != 1 {
				t.Errorf("Check() = %v, %v; want the damaged file", d, err)
			}
			wl, err := lib.Lock(context.Background(), LockOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer wl.Unlock()
			if len(wl.Quarantined) != 1 || wl.Quarantined[0].File != path {
				t.Errorf("Lock quarantined %v, want %s", wl.Quarantined, path)
			}
			kept, err := os.ReadFile(filepath.Join(lib.editionsDir(), quarantineSub, "abc.json"))
			if err != nil || string(kept) != tc.content {
				t.Errorf("quarantined file = %q, %v; want the damaged file kept as it was", kept, err)
			}
			if d, err := lib.Check(); err != nil || len(d) != 0 {
				t.Errorf("Check() after the quarantine = %v, %v; want nothing", d, err)
			}
		})
	}
}

func TestLibraryIgnoresTempFiles(t *testing.T) {
	lib := openTestLibrary(t)
	if err := os.MkdirAll(lib.editionsDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	// What a writer killed mid-write leaves: a partial temporary file.
	if err := os.WriteFile(filepath.Join(lib.editionsDir(), tempPrefix+"abc.json-123"), []byte(`{"id":`), 0o644); err != nil {
		t.Fatal(err)
	}
	eds, err := lib.Editions()
	if err != nil || len(eds) != 0 {
		t.Errorf("Editions() = %d, %v; want none and no error", len(eds), err)
	}
}

func TestLibraryAddInvalidID(t *testing.T) {
	lib := openTestLibrary(t)
	for _, id := range []string{"", "../evil", "a/b"} {
		if err := lib.Add(&Edition{ID: id}); err == nil {
			t.Errorf("Add(ID %q) succeeded, want an error", id)
		}
	}
}

// ingestTree builds a folder of editions: good ones (some nested), a hidden file, an empty file
// and a binary file.
func ingestTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	write := func(rel string, data []byte) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("2024-11-08/multipage.txt", readFile(t, filepath.Join(editionsDir, "2024-11-08-multipage.txt")))
	write("big5.txt", readFile(t, filepath.Join(editionsDir, "big5-traditional.txt")))
	write("feeds/records.jsonl", readFile(t, filepath.Join(editionsDir, "records.jsonl")))
	write(".hidden/skip.txt", []byte("not to be read"))
	write(".skip.txt", []byte("not to be read"))
	write("empty.txt", nil)
	write("image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))
	return root
}

func TestIngest(t *testing.T) {
	lib := openTestLibrary(t)
	root := ingestTree(t)
	var events []IngestEvent
	rep, err := Ingest(context.Background(), lib, []string{root}, Meta{}, func(ev IngestEvent) { events = append(events, ev) })
	if err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	if rep.Files != 4 || len(rep.Accepted) != 3 || len(rep.Refused) != 1 || len(rep.NotEditions) != 1 {
		t.Fatalf("report: %d files, %d accepted, %d refused, %d not editions; want 4, 3, 1, 1 (%+v)", rep.Files, len(rep.Accepted), len(rep.Refused), len(rep.NotEditions), rep.Refused)
	}
	if filepath.Base(rep.NotEditions[0]) != "image.png" {
		t.Errorf("left out as no edition: %v, want the image", rep.NotEditions)
	}
	wantErr := map[string]error{"empty.txt": ErrEmpty}
	for _, r := range rep.Refused {
		want := wantErr[filepath.Base(r.File)]
		if !errors.Is(r.Err, want) || !strings.Contains(r.Err.Error(), r.File) {
			t.Errorf("refusal of %s: %v, want %v naming the file", r.File, r.Err, want)
		}
	}
	if len(events) != 5 || events[4].DoneBytes != events[4].TotalBytes || events[4].Index != 5 {
		t.Errorf("events: %d, last %+v; want 5 ending with all bytes done", len(events), events[len(events)-1])
	}
	eds, _ := lib.Editions()
	var dated *Edition
	for _, ed := range eds {
		if ed.Source == "multipage.txt" {
			dated = ed
		}
	}
	if dated == nil || dated.Date != "2024-11-08" {
		t.Errorf("edition from folder 2024-11-08: %+v, want date from the path", dated)
	}
	before, _ := lib.Articles()
	// Re-ingesting replaces: same IDs, no duplicates.
	rep2, err := Ingest(context.Background(), lib, []string{root}, Meta{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := lib.Articles()
	if rep2.Replaced != 3 || !reflect.DeepEqual(before, after) {
		t.Errorf("re-ingest: replaced %d (want 3), articles %d → %d (want unchanged)", rep2.Replaced, len(before), len(after))
	}
	assertNoTemps(t, lib)
}

func TestIngestSameFileOtherDateReplaces(t *testing.T) {
	lib := openTestLibrary(t)
	path := filepath.Join(editionsDir, "gbk-edition.txt")
	for _, date := range []string{"", "2024-12-01", "2024-12-02"} {
		if _, err := Ingest(context.Background(), lib, []string{path}, Meta{Date: date}, nil); err != nil {
			t.Fatal(err)
		}
	}
	eds, err := lib.Editions()
	if err != nil || len(eds) != 1 || eds[0].Date != "2024-12-02" {
		t.Errorf("after three ingests of one file: %d editions (%v), want the last one only", len(eds), err)
	}
	// A fresh Library (another process) sees the same.
	again, _ := OpenLibrary(lib.Dir())
	if _, err := Ingest(context.Background(), again, []string{path}, Meta{Date: "2024-12-03"}, nil); err != nil {
		t.Fatal(err)
	}
	if eds, _ := again.Editions(); len(eds) != 1 {
		t.Errorf("re-ingest from a new Library: %d editions, want 1", len(eds))
	}
}

func TestIngestMetaWins(t *testing.T) {
	lib := openTestLibrary(t)
	path := filepath.Join(editionsDir, "2024-11-08-multipage.txt")
	if _, err := Ingest(context.Background(), lib, []string{path}, Meta{Paper: "常州日报", Date: "2024-12-01"}, nil); err != nil {
		t.Fatal(err)
	}
	arts, _ := lib.Articles()
	for _, a := range arts {
		if a.Paper != "常州日报" || a.Date != "2024-12-01" {
			t.Errorf("article %q: paper/date %q/%q, want the flags' 常州日报/2024-12-01", a.Title, a.Paper, a.Date)
		}
	}
}

func TestIngestFollowsLinkedFiles(t *testing.T) {
	lib := openTestLibrary(t)
	root := t.TempDir()
	target, err := filepath.Abs(filepath.Join(editionsDir, "gbk-edition.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(root, "linked.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	rep, err := Ingest(context.Background(), lib, []string{root}, Meta{}, nil)
	if err != nil || len(rep.Accepted) != 1 {
		t.Errorf("Ingest(folder with a linked file) = %+v, %v; want it accepted", rep, err)
	}
}

func TestIngestFileNamedTwice(t *testing.T) {
	lib := openTestLibrary(t)
	root := ingestTree(t)
	file := filepath.Join(root, "big5.txt")
	rep, err := Ingest(context.Background(), lib, []string{file, root, filepath.Join(root, ".", "big5.txt")}, Meta{}, nil)
	if err != nil || len(rep.Accepted) != 3 || rep.Replaced != 0 {
		t.Errorf("Ingest(file, its folder, file again) = %d accepted, %d replaced, %v; want 3, 0", len(rep.Accepted), rep.Replaced, err)
	}
}

func TestIngestMissingPath(t *testing.T) {
	lib := openTestLibrary(t)
	rep, err := Ingest(context.Background(), lib, []string{filepath.Join(t.TempDir(), "nope.txt")}, Meta{}, nil)
	if err != nil || len(rep.Refused) != 1 || !errors.Is(rep.Refused[0].Err, os.ErrNotExist) {
		t.Errorf("Ingest(missing) = %+v, %v; want one refusal (not exist)", rep, err)
	}
}

// TestIngestCancel: Ctrl-C stops an ingest between files and leaves the library as it was:
// the edition read before the cancel is not stored, and nothing temporary is left.
func TestIngestCancel(t *testing.T) {
	lib := openTestLibrary(t)
	if err := lib.Add(parseTestFile(t, "2024-11-08-multipage.txt", Meta{Paper: "旧报"})); err != nil {
		t.Fatal(err)
	}
	before, _ := lib.Fingerprint()
	root := ingestTree(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var seen int
	rep, err := Ingest(ctx, lib, []string{root}, Meta{}, func(ev IngestEvent) {
		seen++
		if ev.EditionID == "" {
			t.Errorf("first file refused (%v); the test wants it accepted", ev.Err)
		}
		cancel() // Ctrl-C after the first file
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Ingest after cancel: err %v, want context.Canceled", err)
	}
	if seen != 1 || len(rep.Accepted) != 0 {
		t.Errorf("after cancel: %d events, report %+v; want it to stop after the first file, storing nothing", seen, rep)
	}
	if after, _ := lib.Fingerprint(); after != before {
		t.Error("a cancelled ingest changed the library")
	}
	assertNoTemps(t, lib)
}

func TestIngestSameNameTwoFolders(t *testing.T) {
	lib := openTestLibrary(t)
	root := t.TempDir()
	for _, dir := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(root, dir), 0o755)
		// Neither has a date, so both would get the same edition ID.
		data := readFile(t, filepath.Join(editionsDir, "utf16be-nobom.txt"))
		if dir == "b" {
			data = []byte("另一篇文章\n\n本报讯（记者 张三）这是另一篇没有日期的文章。\n")
		}
		os.WriteFile(filepath.Join(root, dir, "page.txt"), data, 0o644)
	}
	rep, err := Ingest(context.Background(), lib, []string{root}, Meta{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if eds, _ := lib.Editions(); len(eds) != 2 || len(rep.Accepted) != 2 {
		t.Errorf("two different page.txt files: %d editions stored, want 2", len(eds))
	}
}

// TestIngestFolderTakesOnlyEditions: a folder holds more than editions. Only the listed
// formats holding Chinese text are taken from it (and a feed whatever its name); a script, a
// gallery's index.html, a photo and a log are left out and named, not refused. A file named
// itself is read as before, whatever its name.
func TestIngestFolderTakesOnlyEditions(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"2024-11-08.txt": string(readFile(t, filepath.Join(editionsDir, "2024-11-08-multipage.txt"))),
		"feed":           `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>青山日报</title><item><title>青山湖大桥今天通车</title><guid>qs-1</guid><description>青山湖大桥全长2.8公里，总投资12亿元，今天上午正式通车。</description></item></channel></rss>`,
		"export.py":      "#!/usr/bin/env python3\n# 把报纸版面导出为文本文件，每版一个\nimport sys\nprint(sys.argv)\n",
		"index.html":     `<!DOCTYPE html><html><head><title>Thumbnails</title></head><body><h1>Index of /photos</h1><a href="p1.jpg"><img src="t/p1.jpg"></a> p1.jpg 2024-11-08 3.2 MB</body></html>`,
		"p1.jpg":         "\xff\xd8\xff\xe0\x00\x10JFIF\x00",
		"export.log":     "2024-11-08 07:00 exported 4 pages\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib := openTestLibrary(t)
	rep, err := Ingest(context.Background(), lib, []string{root}, Meta{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, f := range rep.NotEditions {
		left = append(left, filepath.Base(f))
	}
	slices.Sort(left)
	if want := []string{"export.log", "export.py", "index.html", "p1.jpg"}; !reflect.DeepEqual(left, want) || len(rep.Refused) != 0 {
		t.Errorf("left out %v, refused %v; want %v left out and nothing refused", left, rep.Refused, want)
	}
	if rep.Files != 2 || len(rep.Accepted) != 2 {
		t.Errorf("%d files, %d editions; want the edition and the feed", rep.Files, len(rep.Accepted))
	}
	rep, err = Ingest(context.Background(), lib, []string{filepath.Join(root, "export.py")}, Meta{}, nil)
	if err != nil || len(rep.Accepted) != 1 || len(rep.NotEditions) != 0 {
		t.Errorf("a script named itself: %+v, %v; want it read as a text edition, as before", rep, err)
	}
}
