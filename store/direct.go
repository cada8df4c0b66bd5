package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"sync"
)

// The answer save runs its transaction on the driver connection itself
// (sql.Conn.Raw), with its statements prepared once per connection. Through
// database/sql every transaction gets a cancelable context and with it a
// goroutine of its own, one per query's rows, and one in the driver for each
// of BEGIN and COMMIT, besides a per-transaction copy of every statement. On
// a busy 2-core machine those cost a save about as much as its SQL did
// (BenchmarkSaveOverRaw). The caller's context still ends a wait for a lock
// or a running statement, in the driver.

// driverConn is what the save path needs of the SQLite driver's connection.
type driverConn interface {
	driver.ConnBeginTx
	driver.ConnPrepareContext
}

// connStmts are the save path's statements prepared on one driver
// connection; the pool keeps a single connection, so there is one set.
type connStmts struct {
	mu    sync.Mutex // held while a transaction uses them, and by close
	conn  driverConn
	stmts map[string]driver.Stmt
}

// on returns the statement for query on c, preparing it the first time.
// A new connection (the pool replaced a broken one) starts a new set.
func (cs *connStmts) on(ctx context.Context, c driverConn, query string) (driver.Stmt, error) {
	if cs.conn != c {
		cs.closeLocked()
		cs.conn, cs.stmts = c, map[string]driver.Stmt{}
	}
	if st := cs.stmts[query]; st != nil {
		return st, nil
	}
	st, err := c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	cs.stmts[query] = st
	return st, nil
}

// close finalizes the statements; SQLite closes a connection only once its
// statements are gone, and closing is what checkpoints the log into the file.
func (cs *connStmts) close() {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.closeLocked()
}

func (cs *connStmts) closeLocked() {
	for _, st := range cs.stmts {
		st.Close()
	}
	cs.conn, cs.stmts = nil, nil
}

// writeDirect is write run on the driver connection: fn's statements go
// through t.exec and t.queryRow only (t.tx is nil).
func (s *Store) writeDirect(ctx context.Context, fn func(t txn) error) error {
	if err := s.Verified(ctx); err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return classify(s.path, err)
	}
	defer conn.Close()
	var failed error // fn's own error, passed on as write does
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(driverConn)
		if !ok {
			return fmt.Errorf("store: driver connection %T cannot begin a transaction", dc)
		}
		s.direct.mu.Lock()
		defer s.direct.mu.Unlock()
		tx, err := c.BeginTx(ctx, driver.TxOptions{})
		if err != nil {
			return err
		}
		if failed = fn(txn{ctx: ctx, s: s, dc: c}); failed != nil {
			tx.Rollback()
			return failed
		}
		return tx.Commit()
	})
	switch {
	case err == nil:
		s.writes.Add(1)
		return nil
	case err == failed && errors.Is(err, ErrNotFound):
		return err
	}
	return classify(s.path, err)
}

// execDirect runs one statement of a direct transaction.
func (t txn) execDirect(query string, args []any) (sql.Result, error) {
	st, err := t.s.direct.on(t.ctx, t.dc, query)
	if err != nil {
		return nil, err
	}
	return st.(driver.StmtExecContext).ExecContext(t.ctx, namedValues(args))
}

// queryRowDirect reads the first row of a query in a direct transaction.
func (t txn) queryRowDirect(query string, args []any) rowScanner {
	st, err := t.s.direct.on(t.ctx, t.dc, query)
	if err != nil {
		return directRow{err: err}
	}
	rows, err := st.(driver.StmtQueryContext).QueryContext(t.ctx, namedValues(args))
	if err != nil {
		return directRow{err: err}
	}
	defer rows.Close()
	vals := make([]driver.Value, len(rows.Columns()))
	switch err := rows.Next(vals); {
	case err == io.EOF:
		return directRow{err: sql.ErrNoRows}
	case err != nil:
		return directRow{err: err}
	}
	return directRow{vals: vals}
}

// namedValues turns arguments into what the driver takes: the kinds the
// save path passes (strings, bools, ints, nil) as database/sql would.
func namedValues(args []any) []driver.NamedValue {
	nv := make([]driver.NamedValue, len(args))
	for i, a := range args {
		if n, ok := a.(int); ok {
			a = int64(n)
		}
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return nv
}

// rowScanner is a row to scan: *sql.Row, or directRow.
type rowScanner interface{ Scan(dest ...any) error }

// directRow is one row read by queryRowDirect. Scan fills the kinds of
// destination the save path uses as *sql.Row.Scan would.
type directRow struct {
	vals []driver.Value
	err  error
}

func (r directRow) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	if len(dest) != len(r.vals) {
		return fmt.Errorf("store: %d destinations for %d columns", len(dest), len(r.vals))
	}
	for i, d := range dest {
		if err := scanValue(d, r.vals[i]); err != nil {
			return fmt.Errorf("store: column %d: %w", i, err)
		}
	}
	return nil
}

func scanValue(dest any, v driver.Value) error {
	if sc, ok := dest.(sql.Scanner); ok {
		return sc.Scan(v)
	}
	switch d := dest.(type) {
	case *string:
		if s, ok := v.(string); ok {
			*d = s
			return nil
		}
	case *bool:
		if n, ok := v.(int64); ok && (n == 0 || n == 1) {
			*d = n == 1
			return nil
		}
	case *int64:
		if n, ok := v.(int64); ok {
			*d = n
			return nil
		}
	case *int:
		if n, ok := v.(int64); ok {
			*d = int(n)
			return nil
		}
	}
	return fmt.Errorf("cannot scan %T into %T", v, dest)
}
