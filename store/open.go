// Package store keeps assessments and answers in one SQLite file. Every write
// is one immediate transaction committed with synchronous=FULL, so an answer is
// on disk before the caller hears it was saved.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/assaytui/assay/internal/safefile"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// busyTimeout is how long a write waits for another process's transaction
// before giving up with ErrBusy.
const busyTimeout = 10 * time.Second

// Errors a caller can tell apart. Each wraps into a message that names the file.
var (
	ErrNoDatabase = errors.New("no assay database there yet")
	ErrNotAssay   = errors.New("not an assay database")
	ErrNewer      = errors.New("made by a newer assay")
	ErrDamaged    = errors.New("the database file is damaged")
	ErrNotFound   = errors.New("not found")
	ErrBusy       = errors.New("the database is busy: another program kept it locked too long")
	ErrDiskFull   = errors.New("the disk is full")
	ErrReadOnly   = errors.New("the database or its folder is read-only (assay writes beside the file even to read it); copy it to a writable folder")
	ErrFolder     = errors.New("is a folder, not a database file")
)

// Store is an open assay database.
type Store struct {
	db     *sql.DB
	path   string
	now    func() time.Time
	host   string    // this computer's name, recorded with every change
	direct connStmts // the save path's prepared statements (writeDirect)

	writes atomic.Uint64 // commits made through this store, for Version

	verify *verification // the background check writes wait for (VerifyInBackground)

	levelCache     bool        // the schema has level_cache (see optionalSteps)
	fillAfterCheck atomic.Bool // Levels could not fill the cache before the check's verdict
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database, after the statements prepared on its
// connection outside database/sql (writeDirect), which would keep it open.
func (s *Store) Close() error {
	if conn, err := s.db.Conn(context.Background()); err == nil {
		conn.Raw(func(any) error { s.direct.close(); return nil })
		conn.Close()
	}
	return s.db.Close()
}

// Open opens an existing assay database. A missing file is ErrNoDatabase; an
// empty file, a file that is not an assay database, or one from a newer assay
// is refused without being changed.
func Open(path string, opts ...Option) (*Store, error) {
	if err := checkExisting(path); err != nil {
		return nil, err
	}
	return open(path, opts)
}

// OpenOrCreate opens the database at path, creating it (and its folder, 0700;
// the file 0600) when it does not exist.
func OpenOrCreate(path string, opts ...Option) (*Store, error) {
	err := checkExisting(path)
	if errors.Is(err, ErrNoDatabase) {
		err = createDatabase(path)
	}
	if err != nil {
		return nil, err
	}
	return open(path, opts)
}

func checkExisting(path string) error {
	switch st, err := os.Stat(path); {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("%s: %w", path, ErrNoDatabase)
	case err != nil:
		return safefile.Plain(err)
	case st.IsDir():
		return fmt.Errorf("%s %w", path, ErrFolder)
	case st.Size() == 0:
		// Never what assay leaves behind (see createDatabase): more likely a copy
		// that went wrong, so say so rather than start afresh in it.
		return fmt.Errorf("%s: %w (an empty file, 0 bytes); if you expected assessments in it, restore a backup; delete it to start afresh", path, ErrNotAssay)
	}
	return nil
}

// createDatabase makes a new database beside path and links it into place complete, so
// a crash never leaves a half-made database, and two processes creating at
// once end up sharing one file rather than overwriting each other's.
func createDatabase(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the database folder: %w", safefile.Plain(err))
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.new")
	if err != nil {
		return fmt.Errorf("cannot create the database %s: %w", path, errors.Unwrap(err))
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName)
	if err := os.Chmod(tmpName, 0o600); err != nil {
		return err
	}
	s, err := open(tmpName, nil)
	if err != nil {
		return err
	}
	if err := s.Close(); err != nil { // checkpoints the WAL into the file
		return classify(path, err)
	}
	if err := os.Link(tmpName, path); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("cannot create the database %s: %w", path, errors.Unwrap(err))
	}
	return syncFile(dir)
}

// Option changes how a database is opened.
type Option struct {
	dsn  string
	host string
}

// Host names the computer recorded with every change (the default is the
// operating system's host name).
func Host(name string) Option { return Option{host: name} }

// MaxPages caps the database at n pages (4 KiB each by default) for this
// process, as if the disk were full beyond that. It exists to test and
// rehearse the full-disk path; 0 means no cap.
func MaxPages(n int) Option {
	if n <= 0 {
		return Option{}
	}
	return Option{dsn: fmt.Sprintf("&_pragma=max_page_count(%d)", n)}
}

func open(path string, opts []Option) (*Store, error) {
	tablesLeft, err := checkFile(path)
	if err != nil {
		return nil, err
	}
	extra := ""
	host, _ := os.Hostname()
	for _, o := range opts {
		extra += o.dsn
		if o.host != "" {
			host = o.host
		}
	}
	db, err := sql.Open("sqlite", dsn(path)+extra)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// One connection: writes are serialised by SQLite anyway, and
	// PRAGMA data_version is per connection.
	db.SetMaxOpenConns(1)
	db.SetConnMaxLifetime(0)
	s := &Store{db: db, path: path, now: time.Now, host: host, levelCache: true}
	if tablesLeft {
		err = s.checkTables(context.Background())
	}
	if err == nil {
		err = s.migrate(context.Background())
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn is the connection string: the file, its open mode and the pragmas every
// connection needs.
func dsn(path string) string {
	return fmt.Sprintf("%s?mode=rw&_txlock=immediate"+
		"&_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)"+
		"&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)",
		fileURI(path), busyTimeout.Milliseconds())
}

// fileURI escapes the characters that would end or alter a file: URI path.
func fileURI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

var sqliteHeader = []byte("SQLite format 3\x00")

// checkFile refuses, without writing to it, a file that SQLite would reject or
// that belongs to another program: not SQLite, damaged, foreign tables, or a
// schema newer than this build knows.
//
// When the header alone settles all but the tables (see trustedHeader), the
// table check is left to the caller's own connection (tablesLeft): opening a
// second connection just for it cost every command a connection and a read of
// the schema, about 4 ms (issue 13).
func checkFile(path string) (tablesLeft bool, err error) {
	head, err := checkHeader(path)
	if err != nil || head == nil {
		return false, err
	}
	if trustedHeader(path, head) {
		return true, nil
	}
	// Look inside read-only; the main file is not modified by this.
	ro, err := sql.Open("sqlite", fmt.Sprintf("%s?mode=ro&_pragma=busy_timeout(%d)", fileURI(path), busyTimeout.Milliseconds()))
	if err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	defer ro.Close()
	var version int
	if err := ro.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return false, classify(path, err)
	}
	if version > latestVersion() {
		return false, fmt.Errorf("%s: %w (schema %d; this assay knows up to %d): upgrade assay to open it; the file was not changed", path, ErrNewer, version, latestVersion())
	}
	tables, err := tableNames(ro)
	if err != nil {
		return false, classify(path, err)
	}
	return false, judgeTables(path, version, tables)
}

// trustedHeader reports a header that answers checkFile's questions but the
// tables': the file is in WAL mode (so opening it read-write with
// journal_mode=WAL rewrites nothing), no write-ahead log holds frames (so the
// header is current), and its user_version is a schema this build knows.
// Another program's file can have such a header too: checkTables refuses it
// before anything is written.
func trustedHeader(path string, head []byte) bool {
	version := int(binary.BigEndian.Uint32(head[60:64]))
	return head[18] == 2 && head[19] == 2 && version > 0 && version <= latestVersion() && !walInUse(path)
}

// checkTables is checkFile's table check on the store's own connection, for
// a file whose header was trusted. The connection's pragmas changed nothing
// in such a file, so a foreign one is still left as it was.
func (s *Store) checkTables(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return classify(s.path, err)
	}
	tables, err := tableNames(s.db)
	if err != nil {
		return classify(s.path, err)
	}
	return judgeTables(s.path, version, tables)
}

// judgeTables refuses a file whose tables are another program's.
func judgeTables(path string, version int, tables []string) error {
	if version == 0 && len(tables) > 0 {
		return fmt.Errorf("%s: %w: it is an SQLite database of another program (tables: %s); the file was not changed", path, ErrNotAssay, strings.Join(tables, ", "))
	}
	if version > 0 && !slices.Contains(tables, "assessments") {
		return fmt.Errorf("%s: %w: it has schema version %d but no assessments table; the file was not changed", path, ErrNotAssay, version)
	}
	return nil
}

// checkHeader is checkFile's first step, also used by Inspect: the first 100
// bytes must be an SQLite header, which it returns; nil with no error is a
// file with no bytes (a new database).
//
// It runs before any SQLite connection to the file exists in this process:
// closing this descriptor would otherwise drop SQLite's POSIX locks.
func checkHeader(path string) (head []byte, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, safefile.Plain(err)
	}
	head = make([]byte, 100)
	n, err := io.ReadFull(f, head)
	f.Close()
	switch {
	case n == 0 && (err == io.EOF || err == nil):
		return nil, nil
	case n < len(head) && bytes.HasPrefix(head[:n], sqliteHeader[:min(n, len(sqliteHeader))]):
		return nil, fmt.Errorf("%s: %w (shorter than a database header; truncated?)", path, ErrDamaged)
	case !bytes.HasPrefix(head, sqliteHeader):
		return nil, fmt.Errorf("%s: %w (it is not an SQLite file)", path, ErrNotAssay)
	}
	if want, ok := headerSize(head); ok && !walInUse(path) {
		if st, err := os.Stat(path); err == nil && st.Size() < want {
			return nil, fmt.Errorf("%s: %w (%d bytes, its header says %d; truncated? run assay doctor)", path, ErrDamaged, st.Size(), want)
		}
	}
	return head, nil
}

// walInUse reports a write-ahead log with frames in it. A checkpoint copies
// frames into the database page by page, page 1 (the header) first, so while
// one runs in another process the header may promise more than the file has
// yet: the size check holds only when no log is there to checkpoint.
func walInUse(path string) bool {
	st, err := os.Stat(path + "-wal")
	return err == nil && st.Size() > 0
}

// headerSize is the file size an SQLite header promises: page size times the
// page count, when the header's count is current (its "valid for" number
// matches the change counter). A file shorter than that was cut off, and
// saying so costs one stat instead of a pass over every page.
func headerSize(head []byte) (int64, bool) {
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	current := binary.BigEndian.Uint32(head[92:96]) == binary.BigEndian.Uint32(head[24:28])
	return pageSize * pages, current && pages > 0 && pageSize >= 512
}

func tableNames(db *sql.DB) ([]string, error) {
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	sort.Strings(names)
	return names, rows.Err()
}

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations are the schema steps in order, read once: every open asks for
// the latest version two or three times, and reading them again each time
// cost a list about 0.7 ms (issue 13).
var migrations = sync.OnceValue(readMigrations)

func readMigrations() []migration {
	entries, _ := fs.ReadDir(migrationFiles, "migrations")
	var ms []migration
	for _, e := range entries {
		num, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			continue
		}
		data, _ := migrationFiles.ReadFile("migrations/" + e.Name())
		ms = append(ms, migration{v, e.Name(), string(data)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms
}

func latestVersion() int {
	ms := migrations()
	return ms[len(ms)-1].version
}

// optionalSteps are schema steps that only add a cache or drop an index: a
// file that cannot be written (so could not take them) opens without them,
// as it opened before they existed, and is read the slower way or the same.
var optionalSteps = map[int]bool{levelCacheVersion: true, 10: true}

// levelCacheVersion is the schema step that adds level_cache.
const levelCacheVersion = 9

// migrate brings the schema up to date in one transaction: either every step
// applies and user_version moves, or nothing changes.
func (s *Store) migrate(ctx context.Context) error {
	// Read first without a write lock: the usual case is an up-to-date file, and
	// several assay processes must be able to open it at once.
	var current int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return classify(s.path, err)
	}
	if current == latestVersion() {
		return nil
	}
	err := s.migrateFrom(ctx)
	if errors.Is(err, ErrReadOnly) && current > 0 && onlyOptionalAfter(current) {
		s.levelCache = current >= levelCacheVersion
		return nil
	}
	return err
}

func onlyOptionalAfter(version int) bool {
	for _, m := range migrations() {
		if m.version > version && !optionalSteps[m.version] {
			return false
		}
	}
	return true
}

func (s *Store) migrateFrom(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(s.path, err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return classify(s.path, err)
	}
	if version > latestVersion() {
		return fmt.Errorf("%s: %w (schema %d; this assay knows up to %d); the file was not changed", s.path, ErrNewer, version, latestVersion())
	}
	if version == latestVersion() {
		return nil
	}
	for _, m := range migrations() {
		if m.version <= version {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("%s: migration %s: %w", s.path, m.name, classify(s.path, err))
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", latestVersion())); err != nil {
		return classify(s.path, err)
	}
	return classify(s.path, tx.Commit())
}

// classify turns SQLite result codes into the errors above, with the file named.
func classify(path string, err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	// Failures of a write name the cause first: on a narrow status line the
	// cause is what the user needs, the file they know already.
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%w; try again (%s)", ErrBusy, path)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("%w; nothing was saved (%s)", ErrDiskFull, path)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%w (%s)", ErrReadOnly, path)
	case sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%s: %w (run assay doctor)", path, ErrDamaged)
	case sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%s: %w (it is not an SQLite file)", path, ErrNotAssay)
	case sqlite3.SQLITE_CANTOPEN:
		return fmt.Errorf("%s: cannot open the database file (check the folder exists and is writable)", path)
	case sqlite3.SQLITE_IOERR:
		return fmt.Errorf("disk I/O error: %v (%s)", se, path)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// Host is the computer name recorded with every change made through this store.
func (s *Store) Host() string { return s.host }
