"""Which source a message means when several are live: a task named with its source (营商3, 法治第15条,
交办12号) puts that source in focus; a bare number two sources share asks which, with buttons, and the
source a person used last stays in focus for their next messages.

The question "which source?" waits in the dialog store (storage/dialogs.ask, beside any conversation: a
report put aside stays as it was) with the message that asked, until the rule core/data/flows.yaml declares
for it (`questions: which_source`); a button, its number or the source's name answers it."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from core.context import Context
from core.flows import flows
from core.messages import Button, Incoming, Reply
from core.store import FOCUS, PlanView
from core.texts import say
from handlers.common import lang
from plan import model
from storage import dialogs
from storage.keyvalue import SharedValues

REMEMBERED_DAYS = 30
QUESTION = "which_source"  # its rules: core/data/flows.yaml, questions
_NUMBER = r"(?:第\s*)?(?P<number>\d{1,4}|[一二两三四五六七八九十百]{1,4}-\d{1,3}|[一二两三四五六七八九十百]{1,4})\s*(?:条|号|项)?"


def _key(msg: Incoming) -> str:
    return f"docket:focus:{msg.platform}:{msg.user_id}"


@functools.lru_cache(maxsize=64)
def _named(shorts: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(s) for s in sorted(shorts, key=len, reverse=True))
    return re.compile(rf"(?P<source>{names})\s*{_NUMBER}")


def focus(msg: Incoming, ctx: Context) -> None:
    """At a message's start: the source the person used last is in focus (when several are live). What
    this process knows of it is kept in memory beside the people it remembers (dropped with them)."""
    FOCUS.set(None)
    view = ctx.store.view()
    if view is None or not view.several:
        return
    key = ("focus", _key(msg))
    last = ctx.store.people.get(key)
    if last is None:
        last = ctx.store.people[key] = SharedValues(ctx.store.engine).get(_key(msg)) or ""
    if last and view.source(last) is not None:
        FOCUS.set(last)


def remember(msg: Incoming, ctx: Context, source: str) -> None:
    """The person used this source: it stays in focus for their bare numbers."""
    FOCUS.set(source)
    ctx.store.people[("focus", _key(msg))] = source
    SharedValues(ctx.store.engine).set(_key(msg), source, REMEMBERED_DAYS * 86400)


def named_source(msg: Incoming, ctx: Context, text: str) -> tuple[Incoming, str]:
    """A task named with its source (营商3谁牵头): the source in focus and remembered, and the text as
    the reader knows it (第3条谁牵头). Other text is returned as it was."""
    view = ctx.store.view()
    if view is None or not view.several:
        return msg, text
    found = _named(tuple(s.short for s in view.sources if s.short)).search(text)
    if found is None:
        return msg, text
    remember(msg, ctx, found.group("source"))
    number = found.group("number")
    if "-" in number:  # 法治二-3: the task whose printed number it is, by its number in order
        task = next((t for t in view.tasks if t.source == found.group("source") and t.printed == number), None)
        number = str(task.number) if task else number
    rewritten = text[: found.start()] + f"第{number}条" + text[found.end() :]
    typed = _named(tuple(s.short for s in view.sources if s.short)).search(msg.text)
    if typed is None or typed.group("source") != found.group("source"):
        return replace(msg, text=rewritten), rewritten
    # The message keeps what was typed around the name (案卷数量多，需要……): a reason is stored as written.
    return replace(msg, text=msg.text[: typed.start()] + f"第{number}条" + msg.text[typed.end() :]), rewritten


def which_source(msg: Incoming, ctx: Context, number: int | None) -> list[Reply] | None:
    """When a bare number fits tasks of several sources and the source in focus has none of them: ask which,
    with buttons, the message kept to answer once one is chosen. None when there is nothing to ask (one source
    has the number, or the source in focus does). Every way a bare number comes (a sentence, a command, a form)
    asks here: never "no such task" for a number the docket has twice, never a silent pick."""
    view = ctx.store.view()
    if number is None or view is None or not view.several:
        return None
    found = view.named(number)
    if len(found) < 2 or any(t.source == FOCUS.get() for t in found):
        return None
    lg = lang(msg)
    prefix = flows().questions[QUESTION].buttons
    buttons = [Button(f"{view.label(t, lg)} {t.title[:14]}", f"{prefix}{t.source}") for t in found[:6]]
    now = ctx.now()
    with ctx.store.session() as session:
        until = flows().asked_until(QUESTION, now, ctx.settings)
        choices = [(b.label, b.data) for b in buttons]
        dialogs.ask(session, msg.platform, msg.chat_id, msg.user_id, QUESTION, choices, msg.text, until, now)
    return [Reply(say(lg, "which_source", number=number), buttons=Reply.rows(*[[b] for b in buttons]))]


def no_task(msg: Incoming, ctx: Context, view: PlanView, number: int, lg: str) -> list[Reply]:
    """The answer when `view.task(number)` found none: which source, where several have it; else none has it."""
    return which_source(msg, ctx, number) or [Reply(say(lg, "task_not_found", number=number, count=len(view.tasks)))]


def named_answer(msg: Incoming, ctx: Context, text: str) -> str | None:
    """The source a message names as a whole (营商, 营商的) when the question which source is open; else None."""
    view = ctx.store.view()
    if view is None or not view.several or msg.callback is not None or len(text) > 12:
        return None
    word = text.strip().rstrip("。.!！").removesuffix("的").strip()
    source = next((s.short for s in view.sources if s.short and word == s.short), None)
    if source is None:
        return None
    with ctx.store.session() as session:
        return source if dialogs.asked(session, msg.platform, msg.chat_id, msg.user_id, QUESTION, ctx.now()) else None


def chosen(msg: Incoming, ctx: Context, source: str) -> Incoming | None:
    """A source chosen under 哪一项: in focus and remembered; the message that asked, to answer again."""
    view = ctx.store.view()
    if view is None or view.source(source) is None:
        return None
    with ctx.store.session() as session:
        asked = dialogs.answer(session, msg.platform, msg.chat_id, msg.user_id, QUESTION, ctx.now())
    if asked is None:
        return None
    remember(msg, ctx, source)
    return replace(msg, text=asked, callback=None)


def button_ref(view: PlanView, task: model.Task) -> str:
    """A task in a button's data: its number, and its source when several are live (3@营商)."""
    return f"{task.number}@{task.source}" if view.several and task.source else str(task.number)


def take_ref(msg: Incoming, ctx: Context, data: str) -> str:
    """A task from a button's data: its source put in focus (and remembered); its number returned."""
    number, _, source = data.partition("@")
    view = ctx.store.view()
    if source and view is not None and view.source(source) is not None:
        remember(msg, ctx, source)
    return number


def grouped(view: PlanView, lines_of: dict[str, list[str]], lg: str) -> list[str]:
    """Lines of a listing under a heading per source, in the docket's order (one source: as they are)."""
    if not view.several:
        return [line for lines in lines_of.values() for line in lines]
    out: list[str] = []
    for source in view.sources:
        lines = lines_of.get(source.short, [])
        if lines:
            out.append(say(lg, "source_heading", source=source.short, title=source.title))
            out.extend(lines)
    return out
