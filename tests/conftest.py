"""Shared fixtures: the bundled plan, databases (SQLite and the real PostgreSQL), a Store."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from core.settings import BUNDLED_PLAN, Settings
from core.store import PlanView, open_store
from plan.directory import load_directory
from storage.db import make_engine, migrate

DATA = Path(__file__).parent / "data"
POSTGRES_URL = os.environ.get("DUBAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The bundled plan file."""
    return BUNDLED_PLAN


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    """The bundled plan's text."""
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def bundled_view(tmp_path_factory: pytest.TempPathFactory) -> PlanView:
    """The bundled plan as the bot reads it (its resolver, titles and subjects), for tests that only read."""
    store = open_store(Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("bundled")))  # type: ignore[call-arg]
    found = store.view()
    assert found is not None
    return found


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A scratch database on the PostgreSQL server; the test run fails (not skips) without one."""
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"duban_test_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - the message must say what to start
        pytest.fail(f"PostgreSQL is needed at {POSTGRES_URL} (set DUBAN_TEST_POSTGRES_URL): {exc}", pytrace=False)
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind Duban supports, one a test."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'duban.db'}"
    url = request.getfixturevalue("postgres_server")
    _reset_postgres(url)
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated engine on each database kind."""
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def directory():  # type: ignore[no-untyped-def]
    """The bundled unit directory."""
    return load_directory()
