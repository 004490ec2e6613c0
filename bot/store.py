"""Opening Duban's data: the database (migrated), the unit directory, and the plan on first start."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from bot.settings import Settings
from plan.directory import Directory, load_directory
from plan.parser import parse_file
from storage.db import make_engine, migrate, session_scope
from storage.plans import ImportResult, current_plan, import_plan

logger = logging.getLogger(__name__)


@dataclass
class Store:
    """The database engine and the directory that every command and handler works with."""

    engine: Engine
    directory: Directory

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on error."""
        with session_scope(self.engine) as session:
            yield session

    def import_file(
        self, path: Path, *, plan_id: int | None = None, progress: Callable[[int, int], None] | None = None
    ) -> ImportResult:
        """Parse a plan file and store it in one transaction: all of it or nothing."""
        parsed = parse_file(path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with self.session() as session:
            return import_plan(
                session=session,
                parsed=parsed,
                source_name=path.name,
                source_hash=digest,
                directory=self.directory,
                plan_id=plan_id,
                progress=progress,
            )


def open_store(settings: Settings, *, seed: bool = True) -> Store:
    """Migrate the database and, when it holds no plan yet, import the configured (bundled) one."""
    engine = make_engine(settings.db_url())
    migrate(engine)
    store = Store(engine=engine, directory=load_directory(settings.directory_file))
    if seed:
        with store.session() as session:
            empty = current_plan(session) is None
        if empty:
            result = store.import_file(settings.plan_file)
            logger.info("imported %s: %d tasks", result.title, result.task_count)
    return store
