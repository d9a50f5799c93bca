package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"newsbot/internal/fakeopenai"
	"newsbot/retrieval"
	"newsbot/store/postgres/pgtest"
)

// pgvectorEnv is a fresh library database (PostgreSQL 15) with its vectors in a table of its own
// on the pgvector server (PGlite in CI), and a pool on that server to look at the table.
func pgvectorEnv(t *testing.T) (env, *pgxpool.Pool, string) {
	t.Helper()
	vurl := pgtest.PgvectorURL(t)
	db := pgtest.NewDatabase(t)
	table := fmt.Sprintf("v_%d", time.Now().UnixNano())
	pool, err := pgxpool.New(context.Background(), vurl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = pool.Exec(context.Background(), fmt.Sprintf("DROP TABLE IF EXISTS %s, %s_sources, %s_embedder", table, table, table))
		pool.Close()
	})
	return env{"NEWSBOT_DATA": t.TempDir(), "NEWSBOT_DATABASE_URL": db, "NEWSBOT_VECTORS": "pgvector",
		"NEWSBOT_VECTORS_URL": vurl, "NEWSBOT_VECTORS_TABLE": table}, pool, table
}

// With --vectors pgvector, ingest writes the new editions' vectors into pgvector; answers to the
// built-in eval set equal those of the in-process dense half over the same database; a replica
// started after follows a later ingest without embedding anything itself.
func TestVectorsPgvector(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs a server; skipped with -short")
	}
	e, pool, table := pgvectorEnv(t)
	dir := t.TempDir()
	files := []string{builtinEditionFile(t, dir, "2024-11-01-builtin.txt", 0),
		editionFile(t, dir, "2025-04-02-headlines.txt"),
		filepath.Join("..", "..", "testdata", "heldout", "2025-03-12-evening.txt")}
	_, stderr, err := runCmd(t, e, "", append([]string{"ingest", "--paper", "测试日报"}, files...)...)
	if err != nil || !strings.Contains(stderr, "pgvector: vectors written") {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	stored := func() (sources, rows int) {
		ctx := context.Background()
		if err := pool.QueryRow(ctx, "SELECT count(DISTINCT source), count(*) FROM "+table).Scan(&sources, &rows); err != nil {
			t.Fatal(err)
		}
		return sources, rows
	}
	if s, rows := stored(); s != len(files) || rows < 20 {
		t.Fatalf("pgvector holds %d chunks of %d editions after ingesting %d", rows, s, len(files))
	}

	// The same questions over the same database, dense half in process and in pgvector.
	cases, err := retrieval.LoadEvalSet(filepath.Join("..", "..", "testdata", "eval", "builtin.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, c := range cases {
		qs = append(qs, c.Q)
	}
	in := strings.Join(qs, "\n") + "\n"
	withPG, stderr, err := runCmd(t, e, in, "ask", "--json")
	if err != nil {
		t.Fatalf("ask --vectors pgvector: %v\n%s", err, stderr)
	}
	if strings.Contains(stderr, "vectors written") {
		t.Errorf("ask embedded the library although ingest had stored its vectors:\n%s", stderr)
	}
	mem := env{}
	for k, v := range e {
		mem[k] = v
	}
	mem["NEWSBOT_VECTORS"] = "memory"
	inProcess, stderr, err := runCmd(t, mem, in, "ask", "--json")
	if err != nil {
		t.Fatalf("ask --vectors memory: %v\n%s", err, stderr)
	}
	a, b := answerLines(withPG), answerLines(inProcess)
	if len(a) != len(qs) || len(b) != len(qs) {
		t.Fatalf("%d and %d answers to %d questions", len(a), len(b), len(qs))
	}
	for i := range qs {
		if a[i] != b[i] {
			t.Errorf("%q:\npgvector   %s\nin process %s", qs[i], a[i], b[i])
		}
	}

	// A replica follows a later ingest (LISTEN/NOTIFY) and answers from it, embedding nothing.
	r := startReplica(t, e)
	const q = "西太湖科技产业园已集聚多少家医疗器械相关企业？"
	if ans, _ := r.ask(t, "", q); ans.Found {
		t.Skipf("the library already answers %q: pick another question", q)
	}
	if _, stderr, err := runCmd(t, e, "", "ingest", "--paper", "测试日报", editionFile(t, dir, "2024-11-08-multipage.txt")); err != nil {
		t.Fatalf("second ingest: %v\n%s", err, stderr)
	}
	r.waitAnswer(t, q, "400", 20*time.Second)
	if s, _ := stored(); s != len(files)+1 {
		t.Errorf("pgvector holds %d editions after the second ingest, want %d", s, len(files)+1)
	}
	if strings.Contains(r.log.String(), "vectors written") {
		t.Errorf("the replica embedded editions itself:\n%s", r.log)
	}

	// ingest --reindex fits the embedder anew and rewrites every vector; the replica rebuilds
	// its index with it (the library's version is bumped) and answers as before.
	if _, stderr, err := runCmd(t, e, "", "ingest", "--reindex"); err != nil || !strings.Contains(stderr, "editions_embedded=4") {
		t.Fatalf("ingest --reindex: %v\n%s", err, stderr)
	}
	if s, _ := stored(); s != len(files)+1 {
		t.Errorf("pgvector holds %d editions after --reindex, want %d", s, len(files)+1)
	}
	for deadline := time.Now().Add(20 * time.Second); strings.Count(r.log.String(), "whole=true") < 2; {
		if time.Now().After(deadline) {
			t.Fatalf("the replica did not rebuild its index after --reindex:\n%s", r.log)
		}
		time.Sleep(100 * time.Millisecond) // polling an external process' log, with a deadline
	}
	r.waitAnswer(t, q, "400", 20*time.Second)
}

// answerLines are the answer JSON lines of ask --json without their conversation IDs.
func answerLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if i := strings.Index(l, `"conversation":`); i >= 0 {
			l = l[:i]
		}
		lines = append(lines, l)
	}
	return lines
}

// A database without pgvector is bad usage naming the database and the extension; so are
// --vectors pgvector without a database and an unknown --vectors.
func TestVectorsPgvectorMisconfigured(t *testing.T) {
	for _, args := range [][]string{{"--vectors", "pgvector", "ask", "达茂旗"}, {"--vectors", "disk", "ask", "达茂旗"}} {
		if _, stderr, err := runCmd(t, nil, "", args...); exitCode(err) != 2 {
			t.Errorf("%v: exit %d (%v) %s", args, exitCode(err), err, stderr)
		}
	}
	db := pgtest.NewDatabase(t)
	pool, err := pgxpool.New(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var available bool
	if err := pool.QueryRow(context.Background(), "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')").Scan(&available); err != nil {
		t.Fatal(err)
	}
	if available {
		t.Skip("this PostgreSQL has pgvector: the missing-extension case cannot be shown here")
	}
	e := env{"NEWSBOT_DATABASE_URL": db, "NEWSBOT_VECTORS": "pgvector"}
	_, _, err = runCmd(t, e, "", "ingest", editionFile(t, t.TempDir(), "2025-04-02-headlines.txt"))
	name := db[strings.LastIndex(db, "/")+1:]
	if exitCode(err) != 2 || !strings.Contains(err.Error(), `"vector"`) || !strings.Contains(err.Error(), name) {
		t.Errorf("ingest with --vectors pgvector into a database without pgvector: exit %d: %v", exitCode(err), err)
	}
}

// Vectors stored by one embedder are refused to another (exit 2 naming the database and both
// dimensions) until 'ingest --reindex' rewrites them with it.
func TestVectorsPgvectorOtherEmbedder(t *testing.T) {
	e, _, table := pgvectorEnv(t)
	if _, stderr, err := runCmd(t, e, "", "ingest", editionFile(t, t.TempDir(), "2025-04-02-headlines.txt")); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	srv := fakeopenai.New()
	defer srv.Close()
	remote := env{"NEWSBOT_EMBEDDER": "openai", "NEWSBOT_EMBED_BASE_URL": srv.BaseURL(), "NEWSBOT_EMBED_MODEL": "text-embedding-v3"}
	for k, v := range e {
		remote[k] = v
	}
	_, _, err := runCmd(t, remote, "", "ask", "达茂旗的总面积是多少？")
	if exitCode(err) != 2 || !strings.Contains(err.Error(), table) || !strings.Contains(err.Error(), "512-dimensional") || !strings.Contains(err.Error(), "--reindex") {
		t.Fatalf("ask with another embedder: exit %d: %v", exitCode(err), err)
	}
	t.Logf("ask with another embedder: %v", err)
	if _, stderr, err := runCmd(t, remote, "", "ingest", "--reindex"); err != nil {
		t.Fatalf("ingest --reindex with the new embedder: %v\n%s", err, stderr)
	}
	if out, stderr, err := runCmd(t, remote, "", "ask", "--json", "达茂旗的总面积是多少？"); err != nil || !strings.Contains(out, `"answer"`) {
		t.Fatalf("ask after --reindex: %v %s\n%s", err, out, stderr)
	}
}
