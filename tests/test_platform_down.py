"""A platform that cannot be reached at start: `duban run` keeps the rest running and tries again with
doubling waits; a token Telegram refuses stops it with one line naming the setting."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import urllib.request
from pathlib import Path

import pytest

from bot.run import serve
from core.settings import Settings, SettingsError
from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.ports import free_port


def sign_in_page(port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/desk/", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:  # 401: the console's sign-in page
        return exc.code


async def test_telegram_unreachable_at_start_is_retried_while_the_console_serves(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api_port, web_port = free_port(), free_port()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path,
        telegram_token=TOKEN,
        telegram_api_url=f"http://127.0.0.1:{api_port}",  # nothing listens there yet: no route to Telegram
        web_port=web_port,
    )
    stop = asyncio.Event()
    running = asyncio.create_task(serve(settings, stop))
    fake = FakeTelegram()
    try:
        for _ in range(100):
            if "telegram cannot be reached" in caplog.text:
                break
            await asyncio.sleep(0.1)
        assert "trying again in 2 s" in caplog.text and not running.done()
        assert await asyncio.to_thread(sign_in_page, web_port) == 401  # the console is up meanwhile
        await fake.start(port=api_port)  # Telegram is back: the next try serves it
        await fake.wait_for(lambda calls: any(c.method == "getUpdates" for c in calls), timeout=30)
        fake.message(7, "你好")
        await fake.wait_for(lambda calls: any(c.method == "sendMessage" for c in calls), timeout=30)
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(running, 30)
        await fake.stop()
    gc.collect()  # aiohttp says so when a session it made was never closed (the failed starts' sessions)
    assert "Unclosed client session" not in caplog.text


async def test_a_refused_token_names_the_setting(tmp_path: Path) -> None:
    fake = FakeTelegram()
    await fake.start()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path,
        telegram_token="123:not-the-token",
        telegram_api_url=fake.url,
        web_console=False,
    )
    try:
        with pytest.raises(SettingsError, match="DUBAN_TELEGRAM_TOKEN: refused by Telegram"):
            await asyncio.wait_for(serve(settings, asyncio.Event()), 30)
    finally:
        await fake.stop()


async def test_a_second_poller_of_one_token_is_told_in_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.telegram_harness import telegram_duban

    fake = FakeTelegram()
    await fake.start()
    # What Telegram answers a getUpdates while another process polls the same token.
    fake.failures["getUpdates"] = [409]
    try:
        async with telegram_duban(tmp_path, fake) as running:
            await running.fake.wait_for(lambda calls: any(c.method == "getUpdates!409" for c in calls), timeout=30)
            for _ in range(50):
                if "another process is polling this bot" in caplog.text:
                    break
                await asyncio.sleep(0.1)
            assert "set DUBAN_WEBHOOK_URL" in caplog.text
            fake.message(7, "你好")  # the other poller gone, this one goes on
            await running.fake.wait_for(lambda calls: any(c.method == "sendMessage" for c in calls), timeout=30)
    finally:
        await fake.stop()
