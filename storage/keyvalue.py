"""Small shared values with an expiry, in the database every Duban process uses."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col

from storage.db import session_scope
from storage.models import KeyValue, utcnow


class SharedValues:
    """get / set / delete / first-claim on the KeyValue table; also a wechatpy SessionStorage."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, key: str, default: str | None = None) -> str | None:
        """The value, unless absent or expired."""
        with Session(self.engine) as session:
            row = session.get(KeyValue, key)
            if row is None or (row.expires_at is not None and row.expires_at <= utcnow()):
                return default
            return row.value

    def set(self, key: str, value: str, ttl: int | float | None = None) -> None:
        """Store a value, for `ttl` seconds when given. One upsert: two writers of one key at once
        (two messages of one member handled together) both succeed, the later one's value stays."""
        expires = utcnow() + timedelta(seconds=ttl) if ttl else None
        make = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        statement = make(KeyValue.__table__).values(key=key, value=value, expires_at=expires)  # type: ignore[arg-type]
        statement = statement.on_conflict_do_update(
            index_elements=["key"],
            set_={"value": statement.excluded.value, "expires_at": statement.excluded.expires_at},
        )
        with session_scope(self.engine) as session:
            session.execute(statement)

    def delete(self, key: str) -> None:
        """Forget a value."""
        with session_scope(self.engine) as session:
            session.execute(delete(KeyValue).where(col(KeyValue.key) == key))

    def claim(self, key: str, ttl: float, now: datetime | None = None) -> bool:
        """Record a key the first time it is seen; False when some process already did (within ttl)."""
        now = now or utcnow()
        make = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        with session_scope(self.engine) as session:
            session.execute(delete(KeyValue).where(col(KeyValue.key) == key, col(KeyValue.expires_at) <= now))
            statement = (
                make(KeyValue.__table__)  # type: ignore[arg-type]
                .values(key=key, value="1", expires_at=now + timedelta(seconds=ttl))
                .on_conflict_do_nothing(index_elements=["key"])
                .returning(col(KeyValue.key))
            )
            # The row comes back only to the one insert that made it. (rowcount is no answer here: on
            # PostgreSQL through psycopg it read -1 for both, and no process ever claimed anything.)
            return session.execute(statement).first() is not None

    def take(self, key: str) -> str | None:
        """The value, removed in the same statement: of two takers at once, one gets it (a one-time link)."""
        statement = (
            delete(KeyValue)
            .where(col(KeyValue.key) == key)
            .where((col(KeyValue.expires_at).is_(None)) | (col(KeyValue.expires_at) > utcnow()))
            .returning(col(KeyValue.value))
        )
        with session_scope(self.engine) as session:
            return session.execute(statement).scalar_one_or_none()
