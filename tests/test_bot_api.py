"""Duban's Bot API transport (aiohttp under python-telegram-bot): what arrives, and how a slow, busy or
absent server is reported, so that the outbox and the replies can tell "try again" from "give up"."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot
from telegram.error import NetworkError, TimedOut

from bot.adapters.bot_api import AiohttpRequest
from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.ports import free_port


def _bot(url: str, request: AiohttpRequest) -> Bot:
    return Bot(TOKEN, base_url=f"{url}/bot", request=request, get_updates_request=AiohttpRequest(1))


@contextlib.asynccontextmanager
async def _served(latency: float = 0.0) -> AsyncIterator[tuple[FakeTelegram, str]]:
    """The fake Bot API up for one test, and its address."""
    fake = FakeTelegram(latency=latency)
    url = await fake.start()
    try:
        yield fake, url
    finally:
        await fake.stop()


async def test_a_message_goes_as_json_and_a_file_as_multipart(tmp_path: Path) -> None:
    async with _served() as (fake, url):
        async with _bot(url, AiohttpRequest()) as bot:
            sent = await bot.send_message(42, "“区司法局”的任务 <b>共3条</b>", parse_mode="HTML")
            assert sent.text == "“区司法局”的任务 <b>共3条</b>"  # the answer is parsed into a Message
            ledger = tmp_path / "台账.csv"
            ledger.write_text("序号,任务\n1,落实清单管理制度\n", encoding="utf-8")
            with ledger.open("rb") as handle:
                await bot.send_document(42, handle, filename=ledger.name)
        [message] = fake.sent(42)
        assert message.params["_as"] == "application/json" and message.params["parse_mode"] == "HTML"
        [document] = fake.sent(42, "sendDocument")
        assert document.params["_as"] == "multipart/form-data"
        assert document.params["document"] == {"filename": "台账.csv", "size": ledger.stat().st_size}


async def test_a_slow_answer_is_a_timeout_not_a_hang() -> None:
    async with _served(latency=2.0) as (fake, url):
        async with _bot(url, AiohttpRequest(read_timeout=0.3)) as bot:
            with pytest.raises(TimedOut):
                await asyncio.wait_for(bot.send_message(42, "迟到的回复"), 5)


async def test_a_busy_pool_says_the_request_was_not_sent() -> None:
    async with _served(latency=1.5) as (fake, url):
        async with _bot(url, AiohttpRequest(connection_pool_size=1, pool_timeout=0.2, connect_timeout=0.2)) as bot:
            first = asyncio.create_task(bot.send_message(42, "先发的"))
            await asyncio.sleep(0.1)
            with pytest.raises(TimedOut, match="not sent"):
                await bot.send_message(43, "后发的")
            assert (await first).text == "先发的"
        assert [c.params["chat_id"] for c in fake.sent()] == [42]  # the second never reached the server


async def test_no_server_is_a_network_error() -> None:
    bot = _bot(f"http://127.0.0.1:{free_port()}", AiohttpRequest(connect_timeout=1))  # nobody listens
    with pytest.raises(NetworkError) as raised:
        await bot.initialize()  # asks getMe
    assert not isinstance(raised.value, TimedOut)
    await bot.shutdown()


async def test_calls_go_through_the_proxy_the_environment_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """A government network reaches Telegram through a proxy named in HTTPS_PROXY / HTTP_PROXY."""
    import aiohttp
    from aiohttp import web

    relayed: list[str] = []
    async with _served() as (fake, url):

        async def relay(request: web.Request) -> web.Response:  # a plain forward proxy: absolute URL in
            relayed.append(request.path)
            body = await request.read()
            async with aiohttp.ClientSession() as http:
                headers = {"Content-Type": request.headers.get("Content-Type", "application/json")}
                async with http.request(
                    request.method, f"{url}{request.path_qs}", data=body, headers=headers
                ) as answer:
                    return web.Response(body=await answer.read(), status=answer.status, content_type="application/json")

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", relay)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        try:
            async with _bot(url, AiohttpRequest()) as bot:
                await bot.send_message(42, "经代理发送")
            assert fake.sent(42)[0].params["text"] == "经代理发送"
            assert any(path.endswith("/sendMessage") for path in relayed)
        finally:
            await runner.cleanup()
