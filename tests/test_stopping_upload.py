"""A plan upload in flight when Duban stops (aiohttp gives a request 60 s, then cancels it): a file still
being read is refused at once with one line and nothing stored; an import under way is finished, with
its trace, and answered; never a plan half imported (bot/desk/stopping.py)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sys
import time
from asyncio.subprocess import PIPE
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp import ClientResponse, FormData
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import col, select

from bot.desk import build_desk
from bot.desk.stopping import REFUSED, STOPPING
from core.signin import Holder, make_link
from storage.keyvalue import SharedValues
from storage.models import OfficeAction, Task
from tests.chat import Chat


def revision(chat: Chat) -> bytes:
    """The bundled plan revised: a deadline moved in every task that had 年底前."""
    text = chat.ctx.settings.plan_file.read_text(encoding="utf-8")
    assert "2021年底前" in text
    return text.replace("2021年底前", "2021年11月底前").encode()


@asynccontextmanager
async def console(chat: Chat) -> AsyncIterator[tuple[TestServer, TestClient, str]]:
    server = TestServer(build_desk(chat.ctx))
    await server.start_server()
    client = TestClient(server)
    await client.start_server()
    link = make_link(SharedValues(chat.ctx.store.engine), chat.ctx.settings, Holder("督查室"))
    assert (await client.get(link.split("127.0.0.1:8080", 1)[1])).status == 200
    page = await (await client.get("/desk/plan")).text()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf
    try:
        yield server, client, csrf[1]
    finally:
        await client.close()
        await server.close()


async def previewed(client: TestClient, csrf: str, body: bytes) -> str:
    form = FormData(quote_fields=False)  # the name as a browser sends it
    form.add_field("csrf", csrf)
    form.add_field("file", body, filename="修订.txt", content_type="text/plain")
    page = await (await client.post("/desk/plan/preview", data=form)).text()
    token = re.search(r'name="upload" value="([^"]+)"', page)
    assert token and token[1], page[-2000:]
    return token[1]


def reading(folder: Path) -> bool:
    """Whether a worker process is reading a file under `folder` (bot/plan_reading.py)."""
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                line = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if "bot.plan_reading" in line and str(folder) in line:
                return True
    return False


def children(parent: int) -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(pid))
    return found


def importing_waits_on_the_lock() -> bool:
    """Whether a worker process of this one's pool (core/lanes.py, under its fork server) sleeps in
    SQLite's wait for a lock: the import has begun and waits on the lock held elsewhere."""
    for server in children(os.getpid()):
        for worker in children(server):
            with contextlib.suppress(OSError):
                if "nanosleep" in Path(f"/proc/{worker}/wchan").read_text():
                    return True
    return False


async def until(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline
        await asyncio.sleep(0.01)


def state(chat: Chat) -> tuple[list[str], list[str]]:
    """Every task's text, and the imports the trace holds."""
    with chat.ctx.store.session() as session:
        tasks = [f"{t.title}{t.body}" for t in session.exec(select(Task).order_by(col(Task.id))).all()]
        imports = [a.detail for a in session.exec(select(OfficeAction).where(OfficeAction.action == "import")).all()]
    return tasks, imports


@asynccontextmanager
async def confirming_while_read(chat: Chat) -> AsyncIterator[tuple[TestServer, asyncio.Future[ClientResponse]]]:
    """Duban's console with a revision of the plan previewed and confirmed, the request in flight while a
    worker process still reads the file (under the data folder's uploads): the server, the answer to come."""
    async with console(chat) as (server, client, csrf):
        token = await previewed(client, csrf, revision(chat))
        confirming = asyncio.ensure_future(
            client.post("/desk/plan/confirm", data={"csrf": csrf, "upload": token}, allow_redirects=False)
        )
        await until(lambda: reading(Path(chat.ctx.settings.data_dir) / "uploads"))
        yield server, confirming


async def test_an_upload_being_read_when_duban_stops_is_refused_with_nothing_stored(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    before, uploads = state(chat), tmp_path / "uploads"
    async with confirming_while_read(chat) as (server, confirming):
        started = time.monotonic()
        await server.close()  # as `duban run` stopping: the server shuts down with the request in flight
        stopped = time.monotonic() - started
        answer = await confirming
        assert answer.status == 503 and REFUSED in await answer.text()
        assert stopped < 10, stopped  # the reading was abandoned, not waited for up to 60 s
        assert not reading(uploads)  # its worker process is gone
    assert state(chat) == before  # nothing imported, no trace of an import


# Another process in a write transaction until told to end it.
HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
db.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.readline()
db.execute("COMMIT")
"""


async def test_an_import_under_way_when_duban_stops_is_finished_with_its_trace(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    before, uploads = state(chat), tmp_path / "uploads"
    async with confirming_while_read(chat) as (server, confirming):
        holder = await asyncio.create_subprocess_exec(
            sys.executable, "-c", HOLDER, str(tmp_path / "duban.db"), stdin=PIPE, stdout=PIPE
        )
        assert holder.stdin and holder.stdout and (await holder.stdout.readline()).strip() == b"held"
        await until(lambda: not reading(uploads))
        await until(importing_waits_on_the_lock)  # read, and the import begun: it waits on the lock
        closing = asyncio.ensure_future(server.close())  # Duban stops with the import in flight
        await until(lambda: server.app[STOPPING].is_set())
        assert not confirming.done()
        holder.stdin.write(b"done\n")  # the lock is let go: the import goes on
        await holder.wait()
        answer = await confirming
        await closing
        assert answer.status == 303 and answer.headers["Location"] == "/desk/"
    tasks, imports = state(chat)
    assert tasks != before[0] and any("2021年11月底前" in t for t in tasks)  # the revision stored whole
    assert "2021年底前" not in "".join(tasks)
    assert len(imports) == len(before[1]) + 1 and imports[-1].startswith("修订.txt → «")  # with its trace
