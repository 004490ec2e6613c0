"""Duban in Telegram, end to end: the real python-telegram-bot over HTTP against a fake Bot API
server on 127.0.0.1. Every assertion is about what a user sees in the chat."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.telegram_api import buttons
from tests.ports import free_port
from tests.telegram_harness import ADMIN, telegram_duban

STAFF = 42


async def test_unbound_user_is_told_how_to_bind(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        reply = await run.fake.reply_to(STAFF, "我的任务是什么")
        assert "还没有绑定单位" in reply.params["text"] and "/bind" in reply.params["text"]
        assert reply.params["parse_mode"] == "HTML"


async def test_binding_with_admin_approval_then_my_tasks_for_a_lead_unit(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        # The admin has talked to the bot once, so Duban knows where to reach them.
        await fake.reply_to(ADMIN, "/whoami")
        confirm = await fake.reply_to(STAFF, "我是司法局的")
        assert "区司法局" in confirm.params["text"]
        assert buttons(confirm)[0][0] == "是"
        fake.press(STAFF, confirm, buttons(confirm)[0][1])
        request = (await fake.wait_for(lambda calls: fake.sent(ADMIN)[1:]))[-1]
        assert "申请绑定到“区司法局”" in request.params["text"]
        assert [label for label, _ in buttons(request)] == ["通过", "拒绝"]
        pending = await fake.wait_for(lambda calls: fake.sent(STAFF, "editMessageText"))
        assert "管理员确认后生效" in pending[-1].params["text"]
        # Before approval: still unbound.
        assert "还没有绑定单位" in (await fake.reply_to(STAFF, "我的任务")).params["text"]
        fake.press(ADMIN, request, buttons(request)[0][1])
        told = await fake.wait_for(lambda calls: [c for c in fake.sent(STAFF) if "管理员已确认" in c.params["text"]])
        assert "区司法局" in told[0].params["text"]
        tasks = await fake.reply_to(STAFF, "我的任务是什么")
        text = tasks.params["text"]
        assert text.startswith("“区司法局”的任务，共")
        assert "【牵头】" in text and "第2条 落实清单管理制度" in text
        assert "(通过“区政府各部门”)" not in text  # first page: its own lead tasks come first
        assert len(text) <= 4096
        who = await fake.reply_to(STAFF, "/whoami")
        assert "您是“区司法局”的成员" in who.params["text"]


async def test_invite_code_binds_once(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        made = await fake.reply_to(ADMIN, "/invite 统计局")
        text = made.params["text"]
        assert "区统计局" in text and "https://t.me/duban_test_bot?start=" in text
        code = text.split("?start=")[1].split()[0]
        assert "已绑定到“区统计局”" in (await fake.reply_to(STAFF, f"/start {code}")).params["text"]
        assert "无效或已被使用" in (await fake.reply_to(43, f"/start {code}")).params["text"]
        refused = await fake.reply_to(STAFF, "/invite 司法局")
        assert "只有督办办公室的管理员" in refused.params["text"]


async def test_collective_tasks_reach_a_unit_named_once_and_pages_fit(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        made = await fake.reply_to(ADMIN, "/invite 信访局")
        code = made.params["text"].split("/start ")[1].split()[0]
        await fake.reply_to(STAFF, f"/start {code}")
        first = await fake.reply_to(STAFF, "我的任务")
        text = first.params["text"]
        assert "第23条 完善多元化解纠纷机制" in text  # named as lead
        assert "第1条 实施统一的市场准入负面清单制度(通过“区政府各部门”)" in text.replace("（", "(").replace("）", ")")
        assert "第1/" in text
        pages = [text]
        call = first
        while any(label.startswith("下一页") for label, _ in buttons(call)):
            data = next(d for label, d in buttons(call) if label.startswith("下一页"))
            before = len(fake.sent(STAFF, "editMessageText"))
            fake.press(STAFF, call, data)
            edits = await fake.wait_for(lambda calls, seen=before: fake.sent(STAFF, "editMessageText")[seen:])
            call = edits[-1]
            pages.append(call.params["text"])
        joined = "\n".join(pages)
        # The 20 tasks reached through 区政府各部门 (its own task 23 among them), all on some page.
        numbers = [n for n in range(1, 27) if f"第{n}条 " in joined]
        assert len(numbers) == 20 and 15 not in numbers  # 信访局 is no law-enforcement department
        assert all(len(p) <= 4096 for p in pages)
        assert len([c for c in fake.calls if c.method == "answerCallbackQuery"]) == len(pages) - 1


async def test_task_detail_and_who_leads(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        reply = await run.fake.reply_to(STAFF, "第15条谁牵头")
        text = reply.params["text"]
        assert text.startswith("第15条由 区司法局 牵头。")
        assert "责任单位：区政府各行政执法部门" in text
        assert "重大执法决定法制审核比率达100%" in text
        english = await run.fake.reply_to(STAFF, "task 15")
        assert "Lead: 区司法局" in english.params["text"]
        missing = await run.fake.reply_to(STAFF, "第99条")
        assert "没有第99条" in missing.params["text"]


async def test_unit_tasks_keyword_search_and_unknown_unit(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        stats = (await fake.reply_to(STAFF, "统计局有什么任务")).params["text"]
        assert stats.startswith("“区统计局”的任务") and "第19条 加强行政监督" in stats
        search = (await fake.reply_to(STAFF, "行政复议")).params["text"]
        assert "第22条 加强行政复议和应诉工作" in search
        unknown = (await fake.reply_to(STAFF, "教育局有什么任务")).params["text"]
        assert "不是本计划中的单位" in unknown
        bind_unknown = (await fake.reply_to(STAFF, "/bind 区教育局")).params["text"]
        assert "“区教育局”不是本计划中的单位" in bind_unknown
        hint = (await fake.reply_to(STAFF, "今天天气怎么样")).params["text"]
        view = run.ctx.store.view()
        assert view is not None
        assert "没太明白" in hint and f"第{view.examples()['eg_task']}条" in hint  # an example from this plan


async def test_group_answers_only_when_mentioned_or_replied_to(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        group = -100
        bound = await fake.reply_to(ADMIN, "/bind 区审计局", chat_id=group, chat_type="group")
        assert "本群已绑定到“区审计局”" in bound.params["text"]
        fake.message(STAFF, "我的任务", chat_id=group, chat_type="group")  # not addressed: no answer
        mentioned = await fake.reply_to(STAFF, "@duban_test_bot 我的任务", chat_id=group, chat_type="group")
        assert mentioned.params["text"].startswith("“区审计局”的任务")
        assert len(fake.sent(group)) == 2  # the binding and the mention, nothing for the plain message
        replied = await fake.reply_to(STAFF, "第19条", chat_id=group, chat_type="group", reply_to_bot=True)
        assert replied.params["text"].startswith("第19条 加强行政监督")
        refused = await fake.reply_to(STAFF, "/bind 统计局", chat_id=group, chat_type="group")
        assert "只有督办办公室的管理员" in refused.params["text"]


async def test_html_and_a_10000_character_message_are_safe(tmp_path: Path) -> None:
    async with telegram_duban(tmp_path) as run:
        fake = run.fake
        html = await fake.reply_to(STAFF, "<b>我是</b> & <script>")
        assert "&lt;b&gt;我是&lt;/b&gt; &amp; &lt;script&gt;" in html.params["text"]
        assert "<b>" not in html.params["text"]
        assert html.params["_as"] == "application/json"  # no file: one JSON body, as the Bot API accepts
        long = await fake.reply_to(STAFF, "啊" * 10_000)
        assert "没太明白" in long.params["text"] and len(long.params["text"]) < 200
        long_unit = await fake.reply_to(STAFF, "/bind " + "司" * 10_000)
        assert "不是本计划中的单位" in long_unit.params["text"] and len(long_unit.params["text"]) < 200


async def test_webhook_refuses_requests_without_the_secret_token(tmp_path: Path) -> None:
    import aiohttp

    from bot.adapters.telegram import SECRET_HEADER

    port = free_port()
    hook = "https://duban.example.org/telegram/hook"
    async with telegram_duban(tmp_path, webhook_url=hook, webhook_secret="s3cret", web_port=port) as run:
        fake = run.fake
        registered = await fake.wait_for(lambda calls: [c for c in calls if c.method == "setWebhook"])
        assert registered[0].params["url"] == hook and registered[0].params["secret_token"] == "s3cret"
        assert not [c for c in fake.calls if c.method == "getUpdates"]  # no polling with a webhook
        update = fake.message(STAFF, "第9条")
        fake.updates.clear()  # delivered by the webhook below, not by polling
        url = f"http://127.0.0.1:{port}/telegram/hook"
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {SECRET_HEADER: "wrong"}):
                async with http.post(url, json=update, headers=headers) as response:
                    assert response.status == 403
            assert fake.sent(STAFF) == []  # refused requests had no effect
            async with http.post(url, json=update, headers={SECRET_HEADER: "s3cret"}) as response:
                assert response.status == 200
        answer = await fake.wait_for(lambda calls: fake.sent(STAFF))
        assert answer[0].params["text"].startswith("第9条 严格行政规范性文件制定")
