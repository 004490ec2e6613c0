"""SharedValues.claim, what several processes rely on to do a thing once (a redelivered update, a
WeCom MsgId, the console's cookie key): of many claims of one key at once, exactly one wins, on each
database. Likewise first_claim, the claim made inside a transaction that drafts a bulletin, issues it or
queues a leader's weekly digest."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from schedules.bulletins import first_claim
from storage.keyvalue import SharedValues
from storage.models import utcnow


def test_one_claim_of_many_at_once_wins(engine: Engine) -> None:
    shared = SharedValues(engine)
    with ThreadPoolExecutor(8) as pool:
        won = list(pool.map(lambda _: shared.claim("telegram:update:42", 60), range(16)))
    assert won.count(True) == 1
    assert shared.claim("telegram:update:43", 60) is True  # another key is another claim


def test_an_expired_claim_may_be_made_again(engine: Engine) -> None:
    shared = SharedValues(engine)
    assert shared.claim("wecom:greeted:zhangsan", 60)
    assert not shared.claim("wecom:greeted:zhangsan", 60)
    assert shared.claim("wecom:greeted:zhangsan", 60, now=utcnow() + timedelta(seconds=61))


def test_a_claim_in_a_transaction_is_won_once(engine: Engine) -> None:
    with Session(engine) as session:
        assert first_claim(session, "digest:2026-W50:telegram:7001")  # PostgreSQL never claimed it (rowcount -1)
        session.commit()
    with ThreadPoolExecutor(4) as pool:
        won = list(pool.map(lambda _: _claim(engine, "digest:2026-W50:telegram:7001"), range(4)))
    assert won == [False] * 4
    assert _claim(engine, "digest:2026-W51:telegram:7001")


def _claim(engine: Engine, key: str) -> bool:
    with Session(engine) as session:
        won = first_claim(session, key)
        session.commit()
        return won
