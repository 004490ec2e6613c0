"""What only grew is pruned: expired shared values, delivery history past its retention (never a copy
still to be sent), ledger files past theirs."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from core.context import Context
from core.settings import Settings
from core.store import open_store
from schedules.housekeeping import prune
from schedules.outbox import enqueue
from storage.keyvalue import SharedValues
from storage.models import Broadcast, Delivery, KeyValue, utcnow


def test_what_only_grew_is_pruned_and_what_waits_is_kept(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, delivery_keep_days=30, ledger_keep_hours=24)  # type: ignore[call-arg]
    ctx = Context(store=open_store(settings), settings=settings)
    shared = SharedValues(ctx.store.engine)
    for n in range(50):  # WeCom message ids seen, each remembered a day
        shared.claim(f"wecom:msg:{n}", 86400, now=utcnow() - timedelta(days=2))
    shared.claim("wecom:msg:fresh", 86400)
    shared.set("wecom:no-expiry", "kept")
    old = utcnow() - timedelta(days=40)
    with Session(ctx.store.engine) as session:
        sent = enqueue(session, text="旧通知", recipients=[("telegram", "1"), ("telegram", "2")])
        waiting = enqueue(session, text="还没发出", recipients=[("wecom", "lisi")])
        recent = enqueue(session, text="新通知", recipients=[("telegram", "1")])
        for row in session.exec(select(Delivery)).all():
            if row.broadcast_id in (sent.id, waiting.id):
                row.next_attempt_at = old
            if row.broadcast_id in (sent.id, recent.id):
                row.status, row.sent_at = "sent", (old if row.broadcast_id == sent.id else utcnow())
        for item in (sent, waiting):
            item.created_at = old
        session.commit()
    ledgers = tmp_path / "ledgers"
    ledgers.mkdir()
    stale, fresh = ledgers / "台账-20261101-090000.xlsx", ledgers / "台账-20261203-090000.xlsx"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 86400
    os.utime(stale, (two_days_ago, two_days_ago))

    pruned = prune(ctx)

    assert (pruned.values, pruned.deliveries, pruned.broadcasts, pruned.files) == (50, 2, 1, 1)
    with Session(ctx.store.engine) as session:
        assert sorted(k.key for k in session.exec(select(KeyValue)).all()) == ["wecom:msg:fresh", "wecom:no-expiry"]
        left = session.exec(select(Broadcast.text, Delivery.status).join(Delivery).order_by(col(Delivery.id))).all()
        assert [tuple(r) for r in left] == [("还没发出", "pending"), ("新通知", "sent")]
    assert not stale.exists() and fresh.exists()
    assert prune(ctx) == type(pruned)()  # nothing more to do
