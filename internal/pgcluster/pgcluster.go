// Package pgcluster starts throwaway PostgreSQL clusters: a fresh data directory made by
// initdb, a random port on 127.0.0.1 and scram-sha-256 authentication. The tests of the
// postgres collector and `vern demo` use it, so both prove they can set up their own
// database on a fresh machine with Debian's postgresql package.
package pgcluster

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Superuser is the cluster's superuser role.
const Superuser = "postgres"

// osUser is the account the server runs as when vern runs as root: initdb and postgres
// refuse to run as root.
const osUser = "postgres"

// Options tunes a cluster. The zero value is ready to use.
type Options struct {
	// BinDir holds initdb, pg_ctl and postgres; empty means the newest
	// /usr/lib/postgresql/*/bin.
	BinDir string
	// Settings are extra server settings (name → value), passed as -c name=value.
	Settings map[string]string
}

// Cluster is a running throwaway cluster. Stop it when done.
type Cluster struct {
	// Host and Port are where the server listens.
	Host string
	Port int
	// Password is the superuser's password, random per cluster.
	Password string
	// Dir is the cluster's folder (data directory, socket, log, password file).
	Dir string

	bin      string
	asOther  bool
	stopOnce sync.Once
	stopErr  error
}

// ErrNotInstalled is returned when no PostgreSQL server binaries are found.
var ErrNotInstalled = errors.New("postgresql server binaries not found under /usr/lib/postgresql/*/bin: apt-get install -y postgresql")

// FindBin returns the newest /usr/lib/postgresql/<version>/bin holding initdb.
func FindBin() (string, error) {
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(matches) == 0 {
		return "", ErrNotInstalled
	}
	sort.Slice(matches, func(i, j int) bool { return version(matches[i]) > version(matches[j]) })
	return filepath.Dir(matches[0]), nil
}

func version(initdb string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(filepath.Dir(initdb))), 64)
	return v
}

// Start creates and starts a cluster. It retries on another port when the chosen one was
// taken in the meantime.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	bin := opts.BinDir
	if bin == "" {
		var err error
		if bin, err = FindBin(); err != nil {
			return nil, err
		}
	}
	c := &Cluster{Host: "127.0.0.1", bin: bin, asOther: os.Geteuid() == 0}
	pw := make([]byte, 18)
	if _, err := rand.Read(pw); err != nil {
		return nil, fmt.Errorf("pgcluster: password: %w", err)
	}
	c.Password = hex.EncodeToString(pw)
	dir, err := os.MkdirTemp("", "vern-pg-")
	if err != nil {
		return nil, fmt.Errorf("pgcluster: %w", err)
	}
	c.Dir = dir
	if err := c.prepare(); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	if err := c.run(ctx, "initdb", "-D", c.data(), "-U", Superuser, "--auth=scram-sha-256",
		"--pwfile="+c.pwfile(), "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("pgcluster: initdb: %w", err)
	}
	for attempt := 0; ; attempt++ {
		c.Port, err = freePort()
		if err == nil {
			err = c.start(ctx, opts.Settings)
		}
		if err == nil {
			return c, nil
		}
		if attempt == 2 || ctx.Err() != nil {
			_ = os.RemoveAll(dir)
			return nil, fmt.Errorf("pgcluster: start: %w", err)
		}
	}
}

// prepare makes the folder and password file usable by the server's OS account.
func (c *Cluster) prepare() error {
	if err := os.WriteFile(c.pwfile(), []byte(c.Password+"\n"), 0o600); err != nil {
		return fmt.Errorf("pgcluster: password file: %w", err)
	}
	if !c.asOther {
		return nil
	}
	u, err := user.Lookup(osUser)
	if err != nil {
		return fmt.Errorf("pgcluster: running as root needs the %q OS user (apt-get install -y postgresql): %w", osUser, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	for _, p := range []string{c.Dir, c.pwfile()} {
		if err := os.Chown(p, uid, gid); err != nil {
			return fmt.Errorf("pgcluster: chown %s: %w", p, err)
		}
	}
	return nil
}

func (c *Cluster) start(ctx context.Context, settings map[string]string) error {
	opts := []string{"-p", strconv.Itoa(c.Port), "-k", c.Dir, "-c", "listen_addresses=" + c.Host,
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"}
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		opts = append(opts, "-c", k+"="+settings[k])
	}
	return c.run(ctx, "pg_ctl", "-D", c.data(), "-l", filepath.Join(c.Dir, "server.log"),
		"-o", strings.Join(opts, " "), "-w", "-t", "30", "start")
}

// DSN is the superuser's connection string for database db.
func (c *Cluster) DSN(db string) string {
	return c.DSNFor(Superuser, c.Password, db)
}

// DSNFor is the connection string for role user with password on database db.
func (c *Cluster) DSNFor(role, password, db string) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(role, password),
		Host: net.JoinHostPort(c.Host, strconv.Itoa(c.Port)), Path: "/" + db, RawQuery: "sslmode=disable"}
	return u.String()
}

// Stop shuts the server down at once and removes its folder. It is safe to call twice.
func (c *Cluster) Stop() error {
	c.stopOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c.stopErr = c.run(ctx, "pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop")
		if err := os.RemoveAll(c.Dir); err != nil && c.stopErr == nil {
			c.stopErr = err
		}
		if c.stopErr != nil {
			c.stopErr = fmt.Errorf("pgcluster: stop: %w", c.stopErr)
		}
	})
	return c.stopErr
}

// Log returns the server's log so far (for test failure messages).
func (c *Cluster) Log() string {
	b, _ := os.ReadFile(filepath.Join(c.Dir, "server.log"))
	return string(b)
}

func (c *Cluster) data() string   { return filepath.Join(c.Dir, "data") }
func (c *Cluster) pwfile() string { return filepath.Join(c.Dir, "pwfile") }

// run runs one of the server's programs, as the postgres OS user when vern runs as root.
func (c *Cluster) run(ctx context.Context, prog string, args ...string) error {
	path := filepath.Join(c.bin, prog)
	var cmd *exec.Cmd
	if c.asOther {
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", osUser, "--", path}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, path, args...)
	}
	cmd.Dir = c.Dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w: %s", prog, err, strings.TrimSpace(out.String()))
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	// The port is only free once the listener is closed, so a failed close is an error.
	if err := l.Close(); err != nil {
		return 0, err
	}
	return port, nil
}
