"""The schema's revision: the newest this code knows, and the one a database is at."""

from __future__ import annotations

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from storage.db import MIGRATIONS


def code_head() -> str:
    """The newest migration this code ships (e.g. '0012')."""
    heads = ScriptDirectory(str(MIGRATIONS)).get_heads()
    return ",".join(sorted(heads))


def known_revisions() -> set[str]:
    """Every revision this code ships."""
    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def database_revision(engine: Engine) -> str | None:
    """The revision a database is at; None for an empty database."""
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return ",".join(sorted(heads)) if heads else None
