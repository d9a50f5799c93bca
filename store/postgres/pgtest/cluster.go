package pgtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
)

// EnvBin names the folder of PostgreSQL's server programs (initdb, pg_ctl) for NewCluster; by
// default Debian's /usr/lib/postgresql/15/bin, where .ci/run installs them.
const EnvBin = "NEWSBOT_TEST_PG_BIN"

// Cluster is a PostgreSQL server of one test's own, which the test may stop and start (a
// database restart under load) without disturbing the other tests' shared server.
type Cluster struct {
	URL  string // postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable
	bin  string
	dir  string // the data folder
	port int
	asPG bool // running as root: the server programs run as the postgres user, which they require
}

// NewCluster initialises a throwaway cluster in a temporary folder (trust authentication,
// loopback only, a free port, no fsync) and starts it; it is stopped and removed when t ends.
// Skips t when no test server is configured (NEWSBOT_TEST_DATABASE_URL) or the server programs
// are missing.
func NewCluster(t testing.TB) *Cluster {
	t.Helper()
	ServerURL(t)
	bin := os.Getenv(EnvBin)
	if bin == "" {
		bin = "/usr/lib/postgresql/15/bin"
	}
	if _, err := os.Stat(filepath.Join(bin, "initdb")); err != nil {
		t.Skipf("pgtest: no PostgreSQL server programs in %s (set %s): %v", bin, EnvBin, err)
	}
	root, err := os.MkdirTemp("", "newsbot-pgcluster-")
	if err != nil {
		t.Fatal(err)
	}
	c := &Cluster{bin: bin, dir: filepath.Join(root, "pg"), asPG: os.Geteuid() == 0}
	t.Cleanup(func() {
		_ = c.pgctl("-m", "immediate", "-w", "stop")
		os.RemoveAll(root)
	})
	if c.asPG {
		if err := chownToPostgres(root); err != nil {
			t.Fatalf("pgtest: %v", err)
		}
	}
	if out, err := c.run("initdb", "-D", c.dir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		t.Fatalf("pgtest: initdb: %v\n%s", err, out)
	}
	c.port = freePort(t)
	c.URL = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
	c.Start(t)
	return c
}

// Start starts the server and returns once it accepts connections.
func (c *Cluster) Start(t testing.TB) {
	t.Helper()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", c.port, c.dir)
	if err := c.pgctl("-l", filepath.Join(c.dir, "server.log"), "-o", opts, "-w", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
		t.Fatalf("pgtest: starting the cluster: %v\n%s", err, log)
	}
}

// Stop shuts the server down as `pg_ctl stop -m fast` does in a deployment (sessions are ended,
// transactions in flight rolled back) and returns once it is down.
func (c *Cluster) Stop(t testing.TB) {
	t.Helper()
	if err := c.pgctl("-m", "fast", "-w", "stop"); err != nil {
		t.Fatalf("pgtest: stopping the cluster: %v", err)
	}
}

func (c *Cluster) pgctl(args ...string) error {
	out, err := c.run("pg_ctl", append([]string{"-D", c.dir}, args...)...)
	if err != nil {
		return fmt.Errorf("pg_ctl %v: %w\n%s", args, err, out)
	}
	return nil
}

// run runs a server program, as the postgres user when this process is root.
func (c *Cluster) run(prog string, args ...string) ([]byte, error) {
	path := filepath.Join(c.bin, prog)
	var cmd *exec.Cmd
	if c.asPG {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	return cmd.CombinedOutput()
}

func chownToPostgres(dir string) error {
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("running as root needs a postgres user for the server: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(dir, uid, gid)
}

func freePort(t testing.TB) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
