"""The engine and schema: one engine from the settings' URL, schema kept by Alembic migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import UOWTransaction
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    """An engine for a database URL; SQLite gets its folder made and foreign keys turned on."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # Room for every worker thread's unit of work at once (core/lanes.py: 32) and the outbox's: a unit of
    # work that waited here would hold its turn to run Python while those holding connections wait for one.
    pool = {} if url == "sqlite:///:memory:" else {"pool_size": 16, "max_overflow": 48}
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"), **pool)
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # type: ignore[no-untyped-def]
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for the writer
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    return engine


def alembic_config(engine: Engine) -> Config:
    """Alembic's configuration pointed at our migrations and this engine."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


class SchemaError(RuntimeError):
    """A database this release cannot run on: its message is one line for the operator."""


def migrate(engine: Engine) -> tuple[str | None, str]:
    """Bring the schema to the newest migration: (revision before, revision after). A database at a
    revision this release does not ship (made by a newer Duban) is refused and left as it is."""
    with one_at_a_time(engine):
        return _migrate(engine)


MIGRATION_LOCK = 0x6475_6261_6E  # "duban": the advisory lock of a PostgreSQL migration


@contextmanager
def one_at_a_time(engine: Engine) -> Iterator[None]:
    """Processes starting at once on one PostgreSQL migrate (or seed) one after another, not in a race
    (SQLite's own write lock does this for a file). Not re-entrant: one block at a time per process."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as lock:
        lock.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK})")
        try:
            yield
        finally:
            lock.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})")
            lock.commit()


def _migrate(engine: Engine) -> tuple[str | None, str]:
    config = alembic_config(engine)
    scripts = ScriptDirectory.from_config(config)
    known = {script.revision for script in scripts.walk_revisions()}
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    newer = sorted(set(current) - known)
    head = ",".join(sorted(scripts.get_heads()))
    if newer:
        raise SchemaError(
            f"the database is at schema {','.join(newer)}, newer than this release's {head}: "
            "run the Duban that made it, or restore a backup made by this one"
        )
    before = ",".join(sorted(current)) or None
    if before != head:
        command.upgrade(config, "head")
    return before, head


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session committed on success and rolled back on any error, so nothing is half-written."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


class Rehearsal:
    """A connection on which every unit of work is undone when the rehearsal ends, and what they wrote:
    (\"new\" or \"changed\", object) in order. `duban ask` shows what a message would do, doing none of it."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.written: list[tuple[str, object]] = []

    def flushed(self, session: Session, _flush: UOWTransaction) -> None:
        if session.get_bind() is not self.connection:
            return
        self.written += [("new", obj) for obj in session.new]
        self.written += [("changed", obj) for obj in session.dirty if session.is_modified(obj)]


@contextmanager
def rehearsed(engine: Engine) -> Iterator[Rehearsal]:
    """Sessions made on the rehearsal's connection join its one transaction, rolled back at the end; a
    commit that would escape it (a session left on its own after an error) is refused, never made."""

    def refuse(_connection: Connection) -> None:
        raise RuntimeError("a rehearsal commits nothing")

    with engine.connect() as connection:
        rehearsal = Rehearsal(connection)
        event.listen(connection, "commit", refuse)
        event.listen(Session, "after_flush", rehearsal.flushed)
        outer = connection.begin()
        try:
            yield rehearsal
        finally:
            event.remove(Session, "after_flush", rehearsal.flushed)
            outer.rollback()
