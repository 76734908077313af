"""Reads (and, for tamper tests, alters) a test database behind Relais's back,
on either backend, for the shell-driven tests (tests/lib/test_database.sh).

    import db
    c = db.connect(url)              # a SQLite path (or sqlite:PATH) or postgresql://...
    c.execute("SELECT code, value FROM indicator_values WHERE code = ?", ("69266",)).fetchall()

SQLite goes through Python's sqlite3 module. PostgreSQL through the psql
client (Debian's postgresql-client; no Python driver is installed): the query
is wrapped in json_agg so rows come back typed, and each `?` becomes a psql
variable :'pN', which psql itself quotes. `c.backend` is "sqlite" or
"postgresql", for the few queries that differ (JSON functions).

Command line: python3 db.py URL SQL [PARAM...] prints the rows, columns
separated by '|', NULL as an empty field.
"""
import json
import sqlite3
import subprocess
import sys


class _Rows:
    def __init__(self, rows):
        self._rows = rows

    def fetchone(self):
        return self._rows[0] if self._rows else None

    def fetchall(self):
        return list(self._rows)

    def __iter__(self):
        return iter(self._rows)


class _Sqlite:
    backend = "sqlite"

    def __init__(self, path):
        self._c = sqlite3.connect(path)

    def execute(self, sql, params=()):
        rows = self._c.execute(sql, params).fetchall()
        self._c.commit()
        return _Rows(rows)

    def script(self, sql):
        self._c.executescript(sql)


class _Postgresql:
    backend = "postgresql"

    def __init__(self, url):
        self._url = url

    def _psql(self, text, params):
        args = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", self._url]
        for i, p in enumerate(params, 1):
            args += ["-v", f"p{i}={'' if p is None else p}"]
        done = subprocess.run(args, input=text, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"psql: {done.stderr.strip()}")
        return done.stdout

    def execute(self, sql, params=()):
        parts = sql.split("?")
        if len(parts) - 1 != len(params):
            raise ValueError(f"{len(parts) - 1} placeholders, {len(params)} parameters")
        text = parts[0] + "".join(f":'p{i}'" + part for i, part in enumerate(parts[1:], 1))
        if not text.lstrip().upper().startswith(("SELECT", "WITH")):
            self._psql(text + ";\n", params)
            return _Rows([])
        # Columns in order, by name: alias columns whose names repeat. A
        # DOUBLE PRECISION without a fraction comes back as an int (25, not
        # 25.0): compare numbers as numbers.
        out = self._psql(f"SELECT coalesce(json_agg(to_json(t)), '[]') FROM ({text}) t;\n", params)
        return _Rows([tuple(row.values()) for row in json.loads(out)])

    def script(self, sql):
        self._psql(sql, ())


def connect(url):
    if url.startswith(("postgresql://", "postgres://")):
        return _Postgresql(url)
    return _Sqlite(url[len("sqlite:"):] if url.startswith("sqlite:") else url)


if __name__ == "__main__":
    for row in connect(sys.argv[1]).execute(sys.argv[2], tuple(sys.argv[3:])):
        print("|".join("" if v is None else str(v) for v in row))
