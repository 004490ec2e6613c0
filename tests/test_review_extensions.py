"""待审核 (/review) shows what awaits the office's decision: units' 已完成 and their extension requests (延期申请),
each with its buttons; two requests pending never read 没有待审核的事项 (QA finding 13)."""

from __future__ import annotations

from pathlib import Path

from tests.chat import Chat


async def test_pending_extension_requests_are_under_review(tmp_path: Path, database_url: str) -> None:
    chat = Chat(tmp_path, database_url=database_url)
    await chat.text("office", "/help")
    await chat.join("alice", "区司法局")
    await chat.join("bob", "区财政局")
    asked = await chat.say("office", "交办：编制清单，牵头单位：区司法局，责任单位：区财政局，时限：2099-06-30")
    await chat.press("office", asked, "确认交办")
    assert "没有待审核" in await chat.text("office", "待审核")
    assert "待督办室审批" in await chat.text("alice", "申请延期 交办1号 到2099-09-30 案卷数量多")
    assert "待督办室审批" in await chat.text("bob", "申请延期 交办1号 到2099-12-31 人手不足")
    replies = await chat.say("office", "待审核")
    text = replies[0].text
    assert "没有待审核" not in text and "延期申请2项" in text
    assert "区司法局申请延至2099-09-30：案卷数量多" in text and "区财政局申请延至2099-12-31：人手不足" in text
    # Its buttons decide the request, as the 【延期申请】 card's do.
    assert "已同意" in "\n".join(r.text for r in await chat.press("office", replies, "同意延期 交办1号 区司法局"))
    view = chat.ctx.store.view()
    task = view.task("交办1号") if view else None
    assert view is not None and task is not None and view.due(task, "区司法局").isoformat() == "2099-09-30"
    left = await chat.text("office", "/review")
    assert "延期申请1项" in left and "区财政局" in left and "区司法局申请" not in left
