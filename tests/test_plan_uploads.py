"""Hostile plan files: a .docx that unzips to 150 MB, one that needs more memory than allowed, a reading
that takes too long, a broken UTF-16 text, a 200 MB file. Each is refused with one line, in the console
(a real Chromium) and on the command line, while the server keeps answering and nothing is stored."""

from __future__ import annotations

import asyncio
import os
import time
import zipfile
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from bot.plan_reading import Limits, read_plan, read_plan_async
from core.settings import BUNDLED_PLAN
from plan.reader import PlanError
from storage.db import make_engine
from storage.models import Plan
from tests.test_desk_browser import desk_running

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def bomb(path: Path, megabytes: int) -> Path:
    """A small .docx whose document.xml unzips to `megabytes` MB of one paragraph."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            )
            chunk = "一、任务".encode() * (1 << 16)
            for _ in range(megabytes * 2):
                part.write(chunk[: 1 << 19])
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    assert path.stat().st_size < 2 * 1024 * 1024
    return path


LIMITS = Limits(seconds=60, memory_bytes=512 * 1048576, unzipped_bytes=100 * 1048576)


def test_a_zip_bomb_is_refused_unopened(tmp_path: Path) -> None:
    # Refused from the archive's declared sizes, before any part is inflated: the message names the unzipped size,
    # not the time or memory limit that an opened bomb would run into.
    with pytest.raises(PlanError) as refused:
        read_plan(bomb(tmp_path / "炸弹.docx", 150), LIMITS)
    assert "unzips to 150 MB" in str(refused.value) and "\n" not in str(refused.value)
    assert "memory" not in str(refused.value) and "took longer" not in str(refused.value)


def test_a_reading_past_its_memory_is_stopped(tmp_path: Path) -> None:
    tight = Limits(seconds=60, memory_bytes=200 * 1048576, unzipped_bytes=1000 * 1048576)
    with pytest.raises(PlanError) as refused:
        read_plan(bomb(tmp_path / "big.docx", 120), tight)
    assert "memory" in str(refused.value)


async def test_a_slow_reading_is_abandoned_and_its_worker_killed(tmp_path: Path) -> None:
    slow = Limits(seconds=0.05, memory_bytes=512 * 1048576, unzipped_bytes=100 * 1048576)
    with pytest.raises(PlanError) as refused:
        await read_plan_async(BUNDLED_PLAN, slow)
    assert "took longer than 0.05 s" in str(refused.value)
    plan = await read_plan_async(BUNDLED_PLAN, LIMITS)
    assert len(plan.tasks) == 26


def test_the_command_line_refuses_bad_files_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DUBAN_DATABASE_URL", raising=False)
    utf16 = tmp_path / "broken.txt"
    utf16.write_bytes(b"\xff\xfe\x00\xd8\x41\x00")
    for path in (bomb(tmp_path / "bomb.docx", 150), utf16):
        for command in ("parse", "import"):
            assert main([command, str(path)]) == 1
            err = capsys.readouterr().err
            assert err.count("\n") == 1 and err.startswith("duban: error: "), err
            assert "Traceback" not in err and "UnicodeDecodeError" not in err
    assert "not valid UTF-16" in err
    with Session(make_engine(f"sqlite:///{tmp_path / 'data' / 'duban.db'}")) as session:
        assert session.exec(select(Plan)).all() == []


async def test_the_console_refuses_a_bomb_and_a_huge_file_in_one_line(tmp_path: Path) -> None:
    async with desk_running(tmp_path) as desk:
        page = await desk.browser.new_page()
        await page.goto(desk.link())
        before = desk.run.ctx.store.view()
        assert before is not None

        await page.goto(desk.url + "/desk/plan")
        await page.set_input_files("input[type=file]", str(bomb(tmp_path / "炸弹.docx", 150)))
        started = time.monotonic()
        await page.click("form[action='/desk/plan/preview'] button")
        line = await page.inner_text("#plan-error")
        assert "炸弹.docx unzips to 150 MB" in line and "\n" not in line
        assert time.monotonic() - started < 15
        assert await page.locator("#plan-preview").count() == 0
        await desk.shot(page, "bomb-refused")

        broken = tmp_path / "broken.txt"
        broken.write_bytes(b"\xff\xfe\x00\xd8\x41\x00")
        await page.set_input_files("input[type=file]", str(broken))
        await page.click("form[action='/desk/plan/preview'] button")
        assert "not valid UTF-16" in await page.inner_text("#plan-error")

        huge = tmp_path / "huge.docx"  # 200 MB, sparse: it never travels
        with huge.open("wb") as file:
            file.truncate(200 * 1048576)
        await page.set_input_files("input[type=file]", str(huge))
        await page.click("form[action='/desk/plan/preview'] button")
        line = await page.inner_text("#plan-error")
        assert "huge.docx 有 200 MB，超过上传上限 20 MB，未上传" in line
        await desk.shot(page, "huge-refused")

        # The server checks too, for a client without the page's script.
        body = {"csrf": "x", "file": {"name": "big.txt", "mimeType": "text/plain", "buffer": b"1" * (21 * 1048576)}}
        answer = await page.request.post(desk.url + "/desk/plan/preview", multipart=body)
        assert answer.status == 413 and "太大" in await answer.text()

        # Nothing was stored, and the console still answers at once.
        desk.run.ctx.store.refresh()
        after = desk.run.ctx.store.view()
        assert after is not None and after.plan_id == before.plan_id and len(after.tasks) == len(before.tasks)
        started = time.monotonic()
        await page.goto(desk.url + "/desk/")
        assert time.monotonic() - started < 5


def readers() -> list[int]:
    """This process's children that are reading a plan."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == os.getpid() and b"bot.plan_reading" in cmdline:
            found.append(int(entry.name))
    return found


async def test_a_cancelled_reading_kills_its_worker_at_once() -> None:
    """What a shutdown does to a request in flight: the worker goes with it, nothing waits for it."""
    reading = asyncio.create_task(read_plan_async(BUNDLED_PLAN, LIMITS))
    for _ in range(100):
        await asyncio.sleep(0.01)
        if readers():
            break
    assert readers(), "no worker process was started"
    started = time.monotonic()
    reading.cancel()
    with pytest.raises(asyncio.CancelledError):
        await reading
    assert time.monotonic() - started < 1
    assert readers() == []
