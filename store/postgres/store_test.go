package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"newsbot/corpus"
	"newsbot/store/postgres/pgtest"
)

func openTest(t *testing.T) (*Store, string) {
	t.Helper()
	url := pgtest.NewDatabase(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(s.Close)
	return s, url
}

// openTwo opens two stores on one fresh database, as two replicas do.
func openTwo(t *testing.T) (*Store, *Store) {
	t.Helper()
	s, url := openTest(t)
	other, err := Open(context.Background(), url)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(other.Close)
	return s, other
}

// Replicas starting together apply each migration once; opening again applies nothing.
func TestMigrateConcurrentAndIdempotent(t *testing.T) {
	url := pgtest.NewDatabase(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(ctx, url)
			if err == nil {
				s.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("concurrent Open: %v", err)
		}
	}
	s, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var rows, max int
	if err := s.pool.QueryRow(ctx, "SELECT count(*), max(version) FROM newsbot_schema").Scan(&rows, &max); err != nil {
		t.Fatal(err)
	}
	if rows != SchemaVersion() || max != SchemaVersion() {
		t.Fatalf("schema rows %d, max %d; want each of %d migrations once", rows, max, SchemaVersion())
	}
	if n, err := migrate(ctx, s.pool); err != nil || n != 0 {
		t.Fatalf("second migrate applied %d (%v), want 0", n, err)
	}
}

// A database migrated by a newer binary is refused with a clear error, and left untouched.
func TestSchemaNewerThanBinaryRefused(t *testing.T) {
	s, url := openTest(t)
	ctx := context.Background()
	next := SchemaVersion() + 1
	if _, err := s.pool.Exec(ctx, "INSERT INTO newsbot_schema (version, name) VALUES ($1, 'future')", next); err != nil {
		t.Fatal(err)
	}
	_, err := Open(ctx, url)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("Open of a newer schema: %v, want ErrSchemaTooNew", err)
	}
	for _, want := range []string{fmt.Sprint(next), fmt.Sprint(SchemaVersion()), "upgrade newsbot"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func edition(id, checksum string, titles ...string) *corpus.Edition {
	ed := &corpus.Edition{ID: id, Source: id + ".txt", Paper: "测试报", Date: "2024-11-08", Checksum: checksum}
	for i, title := range titles {
		ed.Articles = append(ed.Articles, corpus.Article{ID: fmt.Sprintf("%s-%d", id, i), Title: title, Text: title + "的正文。", Kind: "news"})
	}
	return ed
}

// Editions are stored, replaced by ID and by checksum, removed; every change bumps the version.
func TestLibraryEditions(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	v0, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.AddEditions(ctx, []*corpus.Edition{edition("b", "sum-b", "乙"), edition("a", "sum-a", "甲一", "甲二")}); err != nil || n != 0 {
		t.Fatalf("AddEditions: replaced %d, %v", n, err)
	}
	eds, v1, err := s.Editions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(eds) != 2 || eds[0].ID != "a" || len(eds[0].Articles) != 2 || eds[0].Articles[1].Title != "甲二" {
		t.Fatalf("editions = %+v", eds)
	}
	if v1 <= v0 {
		t.Fatalf("version %d after adding, was %d", v1, v0)
	}
	// The same file under another ID replaces the edition made from it.
	if n, err := s.AddEditions(ctx, []*corpus.Edition{edition("a2", "sum-a", "甲")}); err != nil || n != 1 {
		t.Fatalf("re-ingest under another ID: replaced %d, %v", n, err)
	}
	if n, err := s.AddEditions(ctx, []*corpus.Edition{edition("b", "sum-b2", "乙改")}); err != nil || n != 1 {
		t.Fatalf("re-ingest under the same ID: replaced %d, %v", n, err)
	}
	// The same edition stored again changes nothing, not even the version (a second migration).
	before, _ := s.Version(ctx)
	if _, err := s.AddEditions(ctx, []*corpus.Edition{edition("b", "sum-b2", "乙改")}); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.Version(ctx); after != before {
		t.Errorf("storing an unchanged edition bumped the version %d → %d", before, after)
	}
	eds, _, _ = s.Editions(ctx)
	var ids []string
	for _, ed := range eds {
		ids = append(ids, ed.ID+":"+ed.Articles[0].Title)
	}
	if got := strings.Join(ids, ","); got != "a2:甲,b:乙改" {
		t.Fatalf("editions after replacing = %s", got)
	}
	if err := s.RemoveEdition(ctx, "a2"); err != nil {
		t.Fatal(err)
	}
	v2, _ := s.Version(ctx)
	if err := s.RemoveEdition(ctx, "not-there"); err != nil {
		t.Fatal(err)
	}
	if v3, _ := s.Version(ctx); v3 != v2 {
		t.Errorf("removing nothing bumped the version %d → %d", v2, v3)
	}
	if n, _ := s.EditionCount(ctx); n != 1 {
		t.Errorf("edition count %d, want 1", n)
	}
}

// A change made through one store reaches another store's Follow (another replica) by NOTIFY,
// well before the periodic check.
func TestFollowSeesAnotherReplicasChange(t *testing.T) {
	a, url := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	v0, _ := b.Version(ctx)
	seen := make(chan int64, 10)
	go b.Follow(ctx, v0, time.Hour, func(v int64) { seen <- v })
	// Follow's LISTEN may start after the change: the version read after LISTEN covers that.
	if _, err := a.AddEditions(ctx, []*corpus.Edition{edition("x", "", "新闻")}); err != nil {
		t.Fatal(err)
	}
	want, _ := a.Version(ctx)
	select {
	case v := <-seen:
		if v != want {
			t.Fatalf("follow saw version %d, want %d", v, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no change seen within 10 s with an hour's fallback interval: NOTIFY did not reach the follower")
	}
	if _, err := a.AddEditions(ctx, []*corpus.Edition{edition("y", "", "新闻")}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-seen:
	case <-time.After(10 * time.Second):
		t.Fatal("second change not seen")
	}
}

// Turns come back oldest first, at most max, none once idle past since.
func TestConversations(t *testing.T) {
	s, _ := openTest(t)
	c := s.Conversations()
	ctx := context.Background()
	t0 := time.Now()
	for i := range 7 {
		turn, _ := json.Marshal(map[string]int{"n": i})
		if err := c.Append(ctx, "conv", turn, t0.Add(time.Duration(i)*time.Second), 5); err != nil {
			t.Fatal(err)
		}
	}
	got, err := c.Turns(ctx, "conv", t0, 5)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, raw := range got {
		var m map[string]int
		_ = json.Unmarshal(raw, &m)
		ns = append(ns, fmt.Sprint(m["n"]))
	}
	if s := strings.Join(ns, ","); s != "2,3,4,5,6" {
		t.Fatalf("turns = %s, want the last five oldest first", s)
	}
	var stored int
	_ = s.pool.QueryRow(ctx, "SELECT count(*) FROM conversation_turns WHERE conversation = 'conv'").Scan(&stored)
	if stored != 5 {
		t.Errorf("stored rows = %d, want 5 (older turns dropped)", stored)
	}
	if got, _ := c.Turns(ctx, "conv", t0.Add(time.Minute), 5); len(got) != 0 {
		t.Errorf("idle conversation returned %d turns", len(got))
	}
	if got, _ := c.Turns(ctx, "other", t0, 5); len(got) != 0 {
		t.Errorf("unknown conversation returned %d turns", len(got))
	}
	if n, err := c.Prune(ctx, t0.Add(4*time.Second)); err != nil || n != 2 {
		t.Errorf("Prune deleted %d (%v), want 2", n, err)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://bot:s3cret@db:5432/news?sslmode=disable": "postgres://bot:xxxxx@db:5432/news?sslmode=disable",
		"postgres://db/news?password=s3cret":                 "postgres://db/news?password=xxxxx",
		"host=db user=bot password=s3cret dbname=news":       "host=db user=bot password=xxxxx dbname=news",
		"host=db password='s3 cret' dbname=news":             "host=db password=xxxxx dbname=news",
		"postgres://bot@db/news":                             "postgres://bot@db/news",
	} {
		if got := Redact(in); got != want || strings.Contains(got, "s3") {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPassword(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://bot:s3cret@db:5432/news?sslmode=disable": "s3cret",
		"postgres://bot:s%40cret@db/news":                    "s@cret",
		"postgres://db/news?password=s3cret":                 "s3cret",
		"host=db user=bot password=s3cret dbname=news":       "s3cret",
		`host=db password='s3 c\'ret' dbname=news`:           "s3 c'ret",
		"postgres://bot@db/news":                             "",
		"host=db user=bot":                                   "",
	} {
		if got := Password(in); got != want {
			t.Errorf("Password(%q) = %q, want %q", in, got, want)
		}
	}
}

// A database that is not there is a clear error naming it, without the password.
func TestOpenUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := Open(ctx, "postgres://bot:s3cret@127.0.0.1:1/news?connect_timeout=2")
	if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Fatalf("err = %v", err)
	}
	if !IsUnavailable(err) {
		t.Errorf("IsUnavailable(%v) = false", err)
	}
}
