"""Who is asking, remembered while nobody changes: a known person's questions need no look-up in the
database, and a change made by another process (the command line, a second `duban run`) shows within
seconds."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlmodel import Session, select

from handlers import common
from storage.models import Member, Unit
from tests.chat import Chat


async def test_a_known_person_asks_again_without_a_database_look_up(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("zhang", "统计局")
    assert "统计局" in await chat.text("zhang", "我的任务")
    statements: list[str] = []
    event.listen(chat.ctx.store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    chat.ctx.store.people_checked -= common.CHECK_PEOPLE_EVERY  # the next check sees zhang's binding
    assert "统计局" in await chat.text("zhang", "我的任务")
    chat.ctx.store.refresh()  # the plan view's own once-a-second check is not what is counted here
    chat.ctx.store.view()
    statements.clear()
    for _ in range(30):
        assert "统计局" in await chat.text("zhang", "我的任务")
    assert statements == []  # asked again at once: nothing read
    for _ in range(30):
        chat.ctx.store.people_checked -= common.CHECK_PEOPLE_EVERY  # asked again a while later
        assert "统计局" in await chat.text("zhang", "我的任务")
    # One query each time, for everyone at once; never the person's row, unit or conversation.
    assert sum("max(member.changed_at)" in s for s in statements) == 30
    assert not [s for s in statements if any(w in s for w in ("member.user_id =", "dialog.platform =", "unit.id ="))]


async def test_a_binding_changed_by_another_process_shows_within_seconds(tmp_path: Path) -> None:
    chat = Chat(tmp_path)
    await chat.join("li", "统计局")
    assert "“区统计局”的任务" in await chat.text("li", "我的任务")
    # Another process moves li to 区司法局 on the same database.
    other = create_engine(str(chat.ctx.store.engine.url))
    with Session(other) as session:
        person = session.exec(select(Member).where(Member.user_id == "li")).one()
        person.unit_id = session.exec(select(Unit.id).where(Unit.name == "区司法局")).one()
        session.add(person)
        session.commit()
    other.dispose()
    chat.ctx.store.people_checked -= common.CHECK_PEOPLE_EVERY  # the few seconds pass
    assert "“区司法局”的任务" in await chat.text("li", "我的任务")
