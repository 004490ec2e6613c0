"""WeCom as a new office met it (issue 13): one numbered question at a time, relayed text that stays
text, messages within 2,048 bytes, photos kept past WeCom's 3 days, answers past the member's limit
kept, and a greeting when a member opens the app."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlmodel import Session, select

from bot.adapters.wecom import TEXT_LIMIT, inert, pieces
from storage.models import Delivery, Report
from tests.fakes.wecom_api import event_xml, image_xml, voice_xml
from tests.test_wecom import OFFICE, STAFF, context, join, wecom_duban


def test_pieces_stay_within_2048_bytes_and_lose_nothing() -> None:
    text = "\n".join(["第一行 " + "字" * 300, "😀" * 900, "x" * 5000, "末行"])
    parts = pieces(text)
    assert all(len(p.encode()) <= TEXT_LIMIT for p in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")
    assert pieces("短\n消息") == ["短\n消息"]


def test_relayed_text_cannot_become_a_link() -> None:
    shown = inert('详见<a href="http://example.invalid/x">附件</a>')
    assert "<" not in shown and ">" not in shown and "附件" in shown


async def test_one_numbered_question_at_a_time(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        run.fake.departments["lisi"] = "某区司法局"
        await run.say(OFFICE, "/whoami")
        asked = await run.say("lisi", "我是统计局的")
        assert "您是指“区统计局”吗？" in asked
        assert "通讯录显示" not in asked  # the address-book offer would reuse the numbers 1 and 2
        await run.say("lisi", "1")
        requests = [t for t in run.fake.texts(OFFICE) if "申请绑定到" in t]
        assert requests and "区统计局" in requests[-1] and "区司法局" not in requests[-1]


async def test_a_members_link_reaches_the_office_as_text(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        await join(run, STAFF, "司法局")
        confirm = await run.say(STAFF, '15 推进中 详见<a href="http://example.invalid/x">附件</a>')
        assert "<a" not in confirm and "＜a href" in confirm
        await run.say(STAFF, "1")
        relayed = await run.say(OFFICE, "第15条进展")
        assert "<a" not in relayed and "附件" in relayed
        with Session(context(run).store.engine) as session:
            [report] = session.exec(select(Report)).all()
        assert report.text == '详见<a href="http://example.invalid/x">附件</a>'  # the record is as typed


async def test_a_photo_in_a_report_is_kept_by_duban(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        await join(run, STAFF, "统计局")
        await run.say(STAFF, "汇报进展")
        await run.say(STAFF, "19")
        await run.say(STAFF, "2")
        assert "照片或文件" in await run.say(STAFF, "健全了制度")
        run.fake.media["MEDIA-PHOTO-1"] = b"\xff\xd8\xff\xe0JPEGDATA"
        before = len(run.fake.texts(STAFF))
        assert await run.post_xml(image_xml(STAFF, "MEDIA-PHOTO-1", 99001)) == 200
        assert "确认提交" in await run.answer(STAFF, before)
        await run.say(STAFF, "1")
        with Session(context(run).store.engine) as session:
            [report] = session.exec(select(Report)).all()
        assert report.evidence_file_id == "MEDIA-PHOTO-1" and report.evidence_path
        assert Path(report.evidence_path).read_bytes() == b"\xff\xd8\xff\xe0JPEGDATA"
        run.fake.media.clear()  # three days later WeCom has forgotten it; Duban has not
        assert Path(report.evidence_path).exists()


async def test_answers_past_the_members_limit_wait_in_the_outbox(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path, wecom_member_per_minute=3) as run:
        for number in (1, 2, 3, 4, 5):
            await run.post(OFFICE, f"第{number}条")
        for _ in range(300):  # up to 15 s: the first message of a process also loads jieba's dictionary
            await asyncio.sleep(0.05)
            with Session(context(run).store.engine) as session:
                waiting = session.exec(select(Delivery).where(Delivery.chat_id == OFFICE)).all()
            if len(run.fake.texts(OFFICE)) == 3 and len(waiting) == 2:
                break
        assert len(run.fake.texts(OFFICE)) == 3  # never past the member's limit
        assert len(waiting) == 2 and all(d.status in ("pending", "sending") for d in waiting)  # kept, not lost


async def test_opening_the_app_greets_once_and_other_kinds_are_answered(tmp_path: Path) -> None:
    async with wecom_duban(tmp_path) as run:
        assert await run.post_xml(event_xml("newbie", "enter_agent")) == 200
        greeting = await run.answer("newbie", 0)
        assert "您好" in greeting and "/bind" in greeting
        assert await run.post_xml(event_xml("newbie", "enter_agent")) == 200
        await asyncio.sleep(0.5)
        assert len(run.fake.texts("newbie")) == 1  # WeCom sends enter_agent at every opening
        before = len(run.fake.texts("newbie"))
        assert await run.post_xml(voice_xml("newbie", "VOICE-1", 99002)) == 200
        assert "文字" in await run.answer("newbie", before)


async def test_a_callback_is_answered_with_an_empty_body(tmp_path: Path) -> None:
    import aiohttp

    from tests.fakes.wecom_api import encrypted, text_xml

    async with wecom_duban(tmp_path) as run:
        query, body = encrypted(text_xml(OFFICE, "帮助", 88001))
        async with aiohttp.ClientSession() as http, http.post(run.url, params=query, data=body) as response:
            assert response.status == 200 and await response.text() == ""  # as WeCom documents
