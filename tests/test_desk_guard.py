"""Who may see and change the web console: without a session, with another session's CSRF token, with a
used or expired link, or as someone who is not (or no longer) an admin, nothing is shown and nothing
changes. Also /web in the chat, aliases taught in the console, and the trace of office actions."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlmodel import func, select

import core.signin
from bot.desk import build_desk
from core.signin import Holder, make_link
from storage.keyvalue import SharedValues
from storage.models import Broadcast, Member, OfficeAction, UnitAlias
from tests.chat import Chat

TITLE = "东河区2021年度法治政府建设工作计划"


@pytest.fixture
def chat(tmp_path: Path) -> Chat:
    return Chat(tmp_path)


@pytest.fixture
async def server(chat: Chat) -> AsyncIterator[TestServer]:
    server = TestServer(build_desk(chat.ctx))
    await server.start_server()
    yield server
    await server.close()


async def signed_in(server: TestServer, chat: Chat, holder: Holder | None = None) -> TestClient:
    client = TestClient(server)
    await client.start_server()
    link = make_link(SharedValues(chat.ctx.store.engine), chat.ctx.settings, holder or Holder("督查室"))
    response = await client.get(link.split("127.0.0.1:8080", 1)[1])
    assert response.status == 200 and TITLE in await response.text()
    return client


async def csrf_of(client: TestClient) -> str:
    page = await (await client.get("/desk/units")).text()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    return found.group(1)


def count(chat: Chat, table: type) -> int:
    with chat.ctx.store.session() as session:
        return session.exec(select(func.count()).select_from(table)).one()


async def test_without_a_session_nothing_is_shown_or_changed(server: TestServer, chat: Chat) -> None:
    client = TestClient(server)
    await client.start_server()
    for path in ("/desk/", "/desk/task/3", "/desk/units", "/desk/people", "/desk/trace", "/desk/ledger.xlsx"):
        response = await client.get(path)
        body = await response.text()
        assert response.status == 401, path
        assert TITLE not in body and "区司法局" not in body
    sent = await client.post("/desk/broadcast/send", data={"choice": "all", "text": "hi", "csrf": "x"})
    assert sent.status == 401
    assert count(chat, Broadcast) == 0
    await client.session.close()


async def test_a_link_is_used_once_and_expires(server: TestServer, chat: Chat, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = SharedValues(chat.ctx.store.engine)
    link = make_link(shared, chat.ctx.settings, Holder("督查室")).split("127.0.0.1:8080", 1)[1]
    first, second = TestClient(server), TestClient(server)
    await first.start_server()
    await second.start_server()
    assert (await first.get(link)).status == 200
    refused = await second.get(link)
    assert refused.status == 403 and "已使用" in await refused.text()
    assert (await second.get("/desk/")).status == 401  # the refusal made no session
    monkeypatch.setattr(core.signin, "LINK_SECONDS", 0.3)
    stale = make_link(shared, chat.ctx.settings, Holder("督查室")).split("127.0.0.1:8080", 1)[1]
    await asyncio.sleep(0.5)
    assert (await second.get(stale)).status == 403
    assert (await second.get("/desk/")).status == 401
    await first.session.close()
    await second.session.close()


async def test_another_sessions_csrf_token_changes_nothing(server: TestServer, chat: Chat) -> None:
    mine, theirs = await signed_in(server, chat), await signed_in(server, chat)
    their_token = await csrf_of(theirs)
    refused = await mine.post("/desk/units/alias", data={"unit": "区司法局", "alias": "法制办", "csrf": their_token})
    assert refused.status == 403 and "CSRF" in await refused.text()
    missing = await mine.post("/desk/units/alias", data={"unit": "区司法局", "alias": "法制办"})
    assert missing.status == 403
    assert count(chat, UnitAlias) == 0
    accepted = await mine.post(
        "/desk/units/alias", data={"unit": "区司法局", "alias": "法制办", "csrf": await csrf_of(mine)}
    )
    assert accepted.status == 200 and "已添加别名" in await accepted.text()
    assert count(chat, UnitAlias) == 1
    await mine.session.close()
    await theirs.session.close()


async def test_only_admins_and_only_while_they_are(server: TestServer, chat: Chat) -> None:
    with chat.ctx.store.session() as session:
        granted = Member(platform="telegram", user_id="77", name="李四", chat_id="77", is_admin=True)
        plain = Member(platform="telegram", user_id="78", name="赵六", chat_id="78")
        session.add(granted)
        session.add(plain)
        session.flush()
        granted_id, plain_id = granted.id, plain.id
    client = await signed_in(server, chat, Holder("李四", granted_id))
    with chat.ctx.store.session() as session:
        person = session.get(Member, granted_id)
        assert person is not None
        person.is_admin = False  # /removeadmin
    response = await client.get("/desk/")
    body = await response.text()
    assert response.status == 403 and TITLE not in body
    assert (await client.get("/desk/")).status == 401  # the session is gone too
    await client.session.close()
    stranger = TestClient(server)
    await stranger.start_server()
    link = make_link(SharedValues(chat.ctx.store.engine), chat.ctx.settings, Holder("赵六", plain_id))
    refused = await stranger.get(link.split("127.0.0.1:8080", 1)[1])
    assert refused.status == 403 and "不是管理员" in await refused.text()
    response = await stranger.get("/desk/task/3")
    assert response.status == 401 and "区司法局" not in await response.text()
    await stranger.session.close()


async def test_web_command_gives_admins_a_link_in_private_only(server: TestServer, chat: Chat) -> None:
    assert "只有督办办公室的管理员" in await chat.text("staff", "/web")
    assert "私聊" in await chat.text("office", "/web", is_group=True, chat_id="group-1")
    answer = await chat.text("office", "/web")
    link = re.search(r"http://\S+", answer)
    assert link and "10分钟" in answer
    client = TestClient(server)
    await client.start_server()
    response = await client.get(link.group(0).split("127.0.0.1:8080", 1)[1])
    assert response.status == 200 and TITLE in await response.text()
    with chat.ctx.store.session() as session:
        signin = session.exec(select(OfficeAction).where(OfficeAction.action == "signin")).one()
        assert "office" in signin.actor
    await client.session.close()


async def test_an_alias_taught_in_the_console_is_understood_and_never_steals(server: TestServer, chat: Chat) -> None:
    client = await signed_in(server, chat)
    token = await csrf_of(client)
    view = chat.ctx.store.view()
    assert view is not None and view.resolver.resolve("法制办").unit != "区司法局"
    await client.post("/desk/units/alias", data={"unit": "区司法局", "alias": "法制办", "csrf": token})
    chat.ctx.store.refresh()
    view = chat.ctx.store.view()
    assert view is not None and view.resolver.resolve("法制办").unit == "区司法局"
    stolen = await client.post("/desk/units/alias", data={"unit": "区司法局", "alias": "区财政局", "csrf": token})
    assert "未添加" in await stolen.text()
    chat.ctx.store.refresh()
    assert chat.ctx.store.view().resolver.resolve("区财政局").unit == "区财政局"  # type: ignore[union-attr]
    await chat.join("staff", "法制办")  # a person typing the taught name joins the right unit
    assert "区司法局" in await chat.text("staff", "/whoami")
    await client.session.close()


async def test_office_actions_in_the_chat_leave_a_trace(chat: Chat) -> None:
    await chat.text("office", "/deadline 3 2026-12-31")
    await chat.text("office", "/invite 区司法局")
    await chat.text("office", "/addadmin telegram:42")
    with chat.ctx.store.session() as session:
        rows = session.exec(select(OfficeAction).order_by(OfficeAction.id)).all()  # type: ignore[arg-type]
    assert [(r.action, r.via) for r in rows] == [("deadline", "console"), ("invite", "console"), ("grant", "console")]
    assert "任务3：2026-12-31" in rows[0].detail and "office" in rows[0].actor


async def test_an_invite_code_comes_with_its_link_and_qr_code(tmp_path: Path) -> None:
    chat = Chat(tmp_path, telegram_bot_name="duban_test_bot")
    server = TestServer(build_desk(chat.ctx))
    await server.start_server()
    client = await signed_in(server, chat)
    page = await (await client.post("/desk/invite", data={"unit": "区司法局", "csrf": await csrf_of(client)})).text()
    code = re.search(r"/start ([A-Za-z0-9_-]+)", page)
    assert code and f"https://t.me/duban_test_bot?start={code.group(1)}" in page
    assert "<svg" in page  # the QR code, drawn on the server
    assert "已绑定到" in await chat.text("newcomer", f"/start {code.group(1)}")  # and the code works
    with chat.ctx.store.session() as session:
        assert session.exec(select(OfficeAction).where(OfficeAction.action == "invite")).one().via == "web"
    await client.session.close()
    await server.close()


async def test_a_tasks_page_shows_its_own_trace_only(server: TestServer, chat: Chat) -> None:
    await chat.text("office", "/deadline 15 2026-12-31")
    await chat.text("office", "/deadline 1 2026-11-30")
    client = await signed_in(server, chat)
    first = await (await client.get("/desk/task/1")).text()
    assert "任务1：2026-11-30" in first and "任务15：" not in first  # 任务1 is no prefix of 任务15
    await client.session.close()
