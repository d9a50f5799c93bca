package retrieval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func savedFixture(t testing.TB) (string, *Index) {
	t.Helper()
	ix, err := Build(context.Background(), fixtureArticles(t), Config{Fingerprint: "lib-v1"})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "data", "index.nbx")
	if err := ix.Save(path); err != nil {
		t.Fatal(err)
	}
	return path, ix
}

func TestSaveOpenRoundTrip(t *testing.T) {
	path, ix := savedFixture(t)
	got, err := Open(context.Background(), path, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Fingerprint() != "lib-v1" || got.EmbedderID() != ix.EmbedderID() || got.Dim() != ix.Dim() || got.Chunks() != ix.Chunks() {
		t.Errorf("opened index: fingerprint %q embedder %q dim %d chunks %d; want %q %q %d %d",
			got.Fingerprint(), got.EmbedderID(), got.Dim(), got.Chunks(), "lib-v1", ix.EmbedderID(), ix.Dim(), ix.Chunks())
	}
	if !reflect.DeepEqual(got.Articles(), ix.Articles()) {
		t.Errorf("articles differ after Open")
	}
	for _, q := range []string{"达茂旗的总面积是多少", "恽淇丞", "消防宣传月的主题", "安康医疗总投资"} {
		want, err1 := ix.Search(context.Background(), q, SearchOptions{})
		have, err2 := got.Search(context.Background(), q, SearchOptions{})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !reflect.DeepEqual(have, want) {
			t.Errorf("Search(%q) after Open differs:\n got  %+v\n want %+v", q, have, want)
		}
	}
	h, err := ReadHeader(path)
	if err != nil || h.Fingerprint != "lib-v1" || h.Articles != 6 {
		t.Errorf("ReadHeader = %+v, %v", h, err)
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.tmp-*")); len(matches) > 0 {
		t.Errorf("temp files left behind: %v", matches)
	}
}

func TestOpenRejectsDamagedFiles(t *testing.T) {
	path, _ := savedFixture(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	flipped := append([]byte(nil), data...)
	flipped[len(flipped)*2/3] ^= 0x40
	tests := []struct {
		name string
		data []byte
	}{
		{"flipped byte", flipped},
		{"truncated", data[:len(data)/2]},
		{"header only", data[:strings.Index(string(data), "}\n")+2]},
		{"foreign", []byte("PK\x03\x04 this is a zip file")},
		{"empty", nil},
		{"trailing garbage", append(append([]byte(nil), data...), "x"...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "index.nbx")
			if err := os.WriteFile(p, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Open(context.Background(), p, Config{})
			if !errors.Is(err, ErrCorruptIndex) {
				t.Fatalf("Open = %v, want an error wrapping ErrCorruptIndex", err)
			}
			if !strings.Contains(err.Error(), p) {
				t.Errorf("error %q does not name the file", err)
			}
			after, _ := os.ReadFile(p)
			if string(after) != string(tt.data) {
				t.Errorf("Open changed the file")
			}
		})
	}
}

func TestSaveRefusesToOverwriteForeignFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(p, []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := builtIndex(t).Save(p)
	if err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
		t.Fatalf("Save over a foreign file = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "my notes" {
		t.Errorf("foreign file changed to %q", b)
	}
}

func TestSaveReplacesOwnIndex(t *testing.T) {
	path, _ := savedFixture(t)
	ix, err := Build(context.Background(), fixtureArticles(t)[:2], Config{Fingerprint: "lib-v2"})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Save(path); err != nil {
		t.Fatal(err)
	}
	h, err := ReadHeader(path)
	if err != nil || h.Fingerprint != "lib-v2" || h.Articles != 2 {
		t.Errorf("after re-save: %+v, %v", h, err)
	}
}

func TestOpenEmbedderMismatch(t *testing.T) {
	path, _ := savedFixture(t)
	tests := []struct {
		name string
		cfg  Config
	}{
		{"other local dimension", Config{Embedder: NewLocalEmbedder(64)}},
		{"other embedder id", Config{EmbedderID: "openai:text-embedding-3-small"}},
		{"remote embedder", Config{Embedder: NewLocalEmbedder(512), EmbedderID: "ollama:bge-m3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(context.Background(), path, tt.cfg)
			if !errors.Is(err, ErrStaleIndex) || !strings.Contains(err.Error(), "re-ingest") {
				t.Errorf("Open = %v, want ErrStaleIndex telling to re-ingest", err)
			}
		})
	}
	if _, err := Open(context.Background(), path, Config{Embedder: NewLocalEmbedder(DefaultLocalDim)}); err != nil {
		t.Errorf("Open with the same local embedder: %v", err)
	}
}
