"""Alembic environment: runs migrations on the engine Duban hands over (or the URL given)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from storage.models import UTCDateTime

config = context.config
target_metadata = SQLModel.metadata


def render_item(kind: str, obj: object, autogen_context: object) -> str | bool:
    """Migrations name plain SQL types, never Duban's Python classes."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run() -> None:
    """Run the migrations online, on Duban's engine when it gave one."""
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True, render_item=render_item
        )
        context.run_migrations()


run()
