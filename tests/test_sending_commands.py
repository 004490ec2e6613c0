"""Commands that send (`duban send`, `duban broadcast`, `duban remind`) reach every platform configured,
WeCom too, and end: a copy for a platform the command does not serve (a console chat) waits for
`duban run`, never tried and never spun on."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from sqlmodel import Session, col, select

from core.settings import Settings
from core.store import open_store
from schedules.outbox import enqueue
from storage.models import Delivery
from tests.fakes.wecom_api import AES_KEY, AGENT_ID, CORP_ID, SECRET, TOKEN, FakeWeCom


async def test_duban_send_delivers_a_wecom_broadcast_and_ends(tmp_path: Path) -> None:
    fake = FakeWeCom()
    await fake.start()
    try:
        store = open_store(Settings(_env_file=None, data_dir=tmp_path))  # type: ignore[call-arg]
        with Session(store.engine) as session:
            enqueue(session, text="请于周五前报送材料", recipients=[("wecom", "lisi"), ("console", "office")])
            session.commit()
        store.engine.dispose()
        env = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_")}
        env.update(
            DUBAN_DATA_DIR=str(tmp_path),
            DUBAN_WECOM_CORP_ID=CORP_ID,
            DUBAN_WECOM_AGENT_ID=str(AGENT_ID),
            DUBAN_WECOM_SECRET=SECRET,
            DUBAN_WECOM_TOKEN=TOKEN,
            DUBAN_WECOM_AES_KEY=AES_KEY,
            DUBAN_WECOM_API_URL=fake.url,
        )
        command = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "send", env=env, stdout=asyncio.subprocess.PIPE
        )
        said, _ = await asyncio.wait_for(command.communicate(), 60)  # it ends, though a copy is left
        assert command.returncode == 0
        assert fake.texts("lisi") == ["请于周五前报送材料"]
        assert "1 to console" in said.decode()
        with Session(store.engine) as session:
            rows = session.exec(
                select(Delivery.platform, Delivery.status, Delivery.attempts).order_by(col(Delivery.id))
            )
            assert [tuple(r) for r in rows] == [("wecom", "sent", 1), ("console", "pending", 0)]
    finally:
        await fake.stop()
