package demo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/sirupsen/logrus"

	"github.com/alarmlink/vern/examples/alarmlink/demodb"
	"github.com/alarmlink/vern/internal/pgcluster"
)

// DatabaseURLEnv overrides where the demo database is loaded: a PostgreSQL URL of a role
// that may create a database.
const DatabaseURLEnv = "VERN_DEMO_DATABASE_URL"

const (
	localServer = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable&connect_timeout=3"
	// demoDBPrefix names the demo's databases; each run makes its own, so two demos (or a
	// demo and its test) never drop each other's.
	demoDBPrefix = "vern_demo_crm_"
)

// database is the demo CRM database, loaded and ready to audit.
type database struct {
	dsn   string
	where string
	stop  func()
}

// prepareDatabase loads the demo CRM into a local PostgreSQL: the one at $VERN_DEMO_DATABASE_URL,
// else a server on 127.0.0.1:5432 that lets the postgres role in, else a throwaway cluster
// started for the demo. The error says why none worked and how to fix it.
func prepareDatabase(ctx context.Context, log *logrus.Entry) (*database, error) {
	var tried []string
	admin := os.Getenv(DatabaseURLEnv)
	where := DatabaseURLEnv
	if admin == "" {
		admin, where = localServer, "the local server on 127.0.0.1:5432"
	}
	if dsn, drop, err := createAndLoad(ctx, admin); err == nil {
		return &database{dsn: dsn, where: where, stop: drop}, nil
	} else {
		tried = append(tried, fmt.Sprintf("%s: %v", where, err))
	}
	log.Info("starting a throwaway PostgreSQL cluster for the demo database")
	c, err := pgcluster.Start(ctx, pgcluster.Options{})
	if err != nil {
		tried = append(tried, fmt.Sprintf("a throwaway cluster: %v", err))
		return nil, fmt.Errorf("no PostgreSQL for the demo database (%v)", tried)
	}
	dsn, _, err := createAndLoad(ctx, c.DSN("postgres"))
	if err != nil {
		_ = c.Stop()
		return nil, fmt.Errorf("load the demo database into a throwaway cluster: %w", err)
	}
	return &database{dsn: dsn, where: "a throwaway cluster", stop: func() { _ = c.Stop() }}, nil
}

// createAndLoad creates a demo database of its own on the server admin points at and loads
// the demo CRM into it; it returns the database's DSN and a function that drops it.
func createAndLoad(ctx context.Context, admin string) (string, func(), error) {
	cctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cfg, err := pgx.ParseConfig(admin)
	if err != nil {
		return "", nil, fmt.Errorf("parse the server URL: %w", err)
	}
	conn, err := pgx.ConnectConfig(cctx, cfg)
	if err != nil {
		return "", nil, fmt.Errorf("connect: %w", err)
	}
	// The admin connection only creates the database; its close cannot fail the demo.
	defer func() { _ = conn.Close(context.Background()) }()
	suffix := make([]byte, 4)
	if _, err := rand.Read(suffix); err != nil {
		return "", nil, err
	}
	name := demoDBPrefix + hex.EncodeToString(suffix)
	if _, err := conn.Exec(cctx, "CREATE DATABASE "+name); err != nil {
		return "", nil, fmt.Errorf("create the demo database: %w", err)
	}
	drop := func() {
		dctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if c, err := pgx.ConnectConfig(dctx, cfg); err == nil {
			_, _ = c.Exec(dctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			_ = c.Close(dctx)
		}
	}
	dbCfg := cfg.Copy()
	dbCfg.Database = name
	dsn := connString(dbCfg)
	if err := demodb.Load(cctx, dsn); err != nil {
		drop()
		return "", nil, fmt.Errorf("load the demo CRM: %w", err)
	}
	return dsn, drop, nil
}

// connString rebuilds a URL for cfg (pgx keeps no string form of a parsed config).
func connString(cfg *pgx.ConnConfig) string {
	u := url.URL{Scheme: "postgres", User: url.User(cfg.User), Host: net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))),
		Path: "/" + cfg.Database, RawQuery: "sslmode=disable"}
	if cfg.Password != "" {
		u.User = url.UserPassword(cfg.User, cfg.Password)
	}
	return u.String()
}
