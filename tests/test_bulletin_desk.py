"""The console's 通报 page: the period's figures as the bulletin prints them, a bulletin made from the
page and downloaded as the .docx, issued to the units once on the office's confirmation, in the trace."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestClient, TestServer
from docx import Document
from sqlmodel import select

from bot.desk import build_desk
from storage.models import Broadcast, OfficeAction
from tests.chat import Chat
from tests.test_desk_guard import csrf_of, signed_in


@pytest.fixture
def chat(tmp_path: Path) -> Chat:
    made = Chat(tmp_path)
    made.ctx.clock = lambda: datetime(2021, 12, 6, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    return made


@pytest.fixture
async def server(chat: Chat) -> AsyncIterator[TestServer]:
    server = TestServer(build_desk(chat.ctx))
    await server.start_server()
    yield server
    await server.close()


def _cells(page: str, table: str) -> list[list[str]]:
    body = page.split(f'<table id="{table}">', 1)[1].split("</table>", 1)[0]
    return [re.findall(r"<td>(?:<a [^>]*>)?([^<]*)", row) for row in re.split(r"<tr[^>]*>", body)[2:]]


async def test_the_page_made_issued_once(server: TestServer, chat: Chat) -> None:
    await chat.join("zhang", "区司法局")
    await chat.report_done("zhang", 15)
    client: TestClient = await signed_in(server, chat)
    page = await (await client.get("/desk/bulletin?period=2021年11月")).text()
    assert "2021年11月" in page and "尚无通报" in page
    by_source = _cells(page, "by-source")
    assert by_source[-1][0] == "合计"
    csrf = await csrf_of(client)
    made = await client.post("/desk/bulletin/make", data={"csrf": csrf, "period": "2021年11月"}, allow_redirects=True)
    assert "已生成2021年11月督办通报（2021年第1期）" in await made.text()
    docx = await client.get("/desk/bulletin/2021-11.docx")
    assert docx.status == 200
    tables = Document(BytesIO(await docx.read())).tables
    assert [c.text for c in tables[0].rows[-1].cells] == by_source[0]  # the page's row is the document's
    issued = await client.post("/desk/bulletin/2021-11/issue", data={"csrf": csrf}, allow_redirects=True)
    assert "已印发，1个会话" in await issued.text()
    again = await client.post("/desk/bulletin/2021-11/issue", data={"csrf": csrf}, allow_redirects=True)
    assert "没有这份草稿，或已印发" in await again.text()
    remade = await client.post("/desk/bulletin/make", data={"csrf": csrf, "period": "2021年11月"}, allow_redirects=True)
    assert "已印发，不再重新生成" in await remade.text()
    with chat.ctx.store.session() as session:
        audiences = session.exec(select(Broadcast.audience).where(Broadcast.audience.startswith("bulletin"))).all()  # type: ignore[union-attr]
        traced = session.exec(select(OfficeAction.detail).where(OfficeAction.action == "bulletin")).all()
    assert audiences == ["bulletin:2021-11:区司法局"]
    assert traced == ["2021年第1期 2021年11月 起草", "2021年第1期 2021年11月 印发，1个会话"]
    await client.close()


async def test_a_bad_period_says_so_and_shows_this_month(server: TestServer, chat: Chat) -> None:
    client = await signed_in(server, chat)
    page = await (await client.get("/desk/bulletin?period=下下周")).text()
    assert "“下下周”不是一个时段" in page
    assert "2021年12月" in page
    await client.close()
