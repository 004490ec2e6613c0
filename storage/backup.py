"""Backups of the database and their restoring: SQLite by its online backup API, PostgreSQL by
pg_dump / pg_restore (the client tools of the server's major version or newer)."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from storage.db import SchemaError, make_engine, migrate
from storage.schema import known_revisions

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(RuntimeError):
    """A backup or restore that cannot be done: one line saying why, nothing changed."""


@dataclass(frozen=True)
class Outcome:
    """What was written or restored: the database kind, the file, its size and schema revision."""

    kind: str
    path: Path
    size: int
    revision: str | None


def kind_of(url: str) -> str:
    """'sqlite' or 'postgresql' for a SQLAlchemy URL; BackupError for any other database."""
    backend = make_url(url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(f"cannot back up a {backend} database: Duban backs up SQLite and PostgreSQL")
    return backend


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(database)


def libpq(url: str) -> tuple[str, dict[str, str]]:
    """The libpq connection string of a SQLAlchemy URL, and the environment carrying its password
    (never on a command line, where `ps` shows it)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed: install PostgreSQL's client tools (apt install postgresql-client)")
    return found


def run_tool(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise BackupError(f"{Path(args[0]).name} failed: {last}")


def revision_of_sqlite(path: Path) -> str | None:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            return None
    return row[0] if row else None


def backup(engine: Engine, out: Path) -> Outcome:
    """Write a consistent copy of the database to `out` while Duban may be running."""
    url = engine.url.render_as_string(hide_password=False)
    kind = kind_of(url)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    if kind == "sqlite":
        source = sqlite_path(url)
        if not source.is_file():
            raise BackupError(f"there is no database at {source} to back up")
        with sqlite3.connect(source) as live, sqlite3.connect(partial) as copy:
            live.backup(copy)  # the online backup API: a snapshot, writers carry on
        copy.close()
        revision = revision_of_sqlite(partial)
    else:
        conninfo, env = libpq(url)
        run_tool([tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", f"--file={partial}", conninfo], env)
        with engine.connect() as connection:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    partial.replace(out)  # a backup file is whole or absent
    return Outcome(kind=kind, path=out, size=out.stat().st_size, revision=revision)


def restore(engine: Engine, file: Path) -> Outcome:
    """Replace the database's content with a backup's, then migrate it to this release's schema.
    The file is checked first (its kind matches the database, it is readable, its schema is one this
    release knows); on any failure the database is left as it was."""
    url = engine.url.render_as_string(hide_password=False)
    kind = kind_of(url)
    if not file.is_file():
        raise BackupError(f"there is no backup at {file}")
    head = file.open("rb").read(16)
    found = "sqlite" if head.startswith(SQLITE_MAGIC) else "postgresql" if head.startswith(PG_DUMP_MAGIC) else None
    if found is None:
        raise BackupError(f"{file} is not a Duban backup (neither a SQLite database nor a pg_dump archive)")
    if found != kind:
        raise BackupError(f"{file} is a {found} backup and the database is {kind}: restore it into a {found} database")
    if kind == "sqlite":
        revision = revision_of_sqlite(file)
        _check_schema(file, revision)
        target = sqlite_path(url)
        engine.dispose()
        with sqlite3.connect(file) as backup_db, sqlite3.connect(target) as live:
            backup_db.backup(live)  # page by page into the live file, one transaction
    else:
        conninfo, env = libpq(url)
        with tempfile.TemporaryDirectory() as scratch:
            body = Path(scratch) / "body.sql"
            # The archive as SQL, before anything is dropped: readable, and of a schema this release knows.
            run_tool([tool("pg_restore"), "--no-owner", "--no-acl", f"--file={body}", str(file)], env)
            sql = body.read_text(encoding="utf-8")
            found_revision = re.search(
                r"^COPY public\.alembic_version \(version_num\) FROM stdin;\n([^\n\\]+)\n", sql, re.M
            )
            revision = found_revision.group(1) if found_revision else None
            _check_schema(file, revision)
            script = Path(scratch) / "restore.sql"
            # The later migrations' tables go too; psql runs it in one transaction, so the database is
            # the backup's or, on any error, as it was.
            script.write_text("DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n" + sql, encoding="utf-8")
            engine.dispose()
            run_tool([tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1",
                      f"--file={script}", conninfo], env)  # fmt: skip
    try:
        before, _ = migrate(make_engine(url) if kind == "sqlite" else engine)
    except SchemaError as exc:
        raise BackupError(str(exc)) from None
    return Outcome(kind=kind, path=file, size=file.stat().st_size, revision=revision)


def _check_schema(file: Path, revision: str | None) -> None:
    """A backup without Duban's schema, or of a newer release, is refused before anything changes."""
    if revision is None:
        raise BackupError(f"{file} holds no Duban schema (no alembic_version)")
    if revision not in known_revisions():
        raise BackupError(f"{file} is at schema {revision}, newer than this release knows: restore it with that Duban")
