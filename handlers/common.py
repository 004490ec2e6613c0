"""What most handlers share: who is asking and for which unit, listing tasks, pages of replies."""

from __future__ import annotations

import re
import time
from contextvars import ContextVar
from dataclasses import dataclass, replace

from core.context import Context
from core.messages import Button, Incoming, Reply
from core.store import PlanView
from core.texts import language, say
from plan import model
from storage import members
from storage.dialogs import forget_closed, get_dialog, known_closed
from storage.models import Dialog, Member, Unit
from storage.plans import UnitTask

PAGE_CHARS = 3000  # raw text a page; HTML escaping and Telegram's 4,096 limit leave room
PAGE_ITEMS = 12
ECHO_CHARS = 40  # how much of a user's text is repeated back in a hint


@dataclass
class Asker:
    """The person asking, their unit, and the unit the chat speaks for."""

    member: Member
    unit: Unit | None  # the person's own unit
    chat_unit: Unit | None  # a group's unit, if the group is bound
    is_admin: bool
    dialog: Dialog | None = None  # the conversation open in this chat when the message came

    @property
    def speaking_for(self) -> Unit | None:
        """The unit "my tasks" means here: the group's in a bound group, else the person's."""
        return self.chat_unit or self.unit


def lang(msg: Incoming) -> str:
    """The language to answer in: the message's, or for a bare code (/start CODE) the user's locale."""
    if msg.text.startswith("/start") or not msg.text.strip():
        return "en" if msg.locale.startswith("en") else "zh"
    return language(msg.text)


def echo(text: str) -> str:
    """A user's text shortened for repeating it back."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= ECHO_CHARS else text[:ECHO_CHARS] + "…"


_current: ContextVar[tuple[Incoming, Asker] | None] = ContextVar("asker", default=None)


def asker(msg: Incoming, ctx: Context) -> Asker:
    """The person behind a message, looked up (or registered) once per message."""
    known = _current.get()
    if known is not None and known[0] is msg:
        return known[1]
    found = _lookup(msg, ctx)
    view = ctx.store.view()
    if view is not None:  # bound to 农委 (stored before the fold) is bound to 市农委, the docket's unit
        found = replace(found, unit=_organ_unit(view, found.unit), chat_unit=_organ_unit(view, found.chat_unit))
    _current.set((msg, found))
    return found


def _organ_unit(view: PlanView, unit: Unit | None) -> Unit | None:
    """The docket's unit for a stored unit under another name the plan prints for the same organ."""
    if unit is None or view.unit_of(unit.name) == unit.name or view.unit_of(unit.name) not in view.unit_ids:
        return unit
    name = view.unit_of(unit.name)
    return Unit(id=view.unit_ids[name], name=name, kind=unit.kind)


CHECK_PEOPLE_EVERY = 5.0  # seconds between the one query that tells whether anyone changed anywhere


def forget_people(ctx: Context) -> None:
    """Drop the remembered people: a binding, an approval or a grant changed one of them."""
    ctx.store.people.clear()


def _still_true(ctx: Context) -> None:
    """What this process remembers of people and conversations holds until any of them changes, here or
    in another process; one query every few seconds tells, for everyone at once, instead of a look-up
    per message. A change anywhere drops it all (a change by another process shows within seconds)."""
    store = ctx.store
    now = time.monotonic()
    # On PostgreSQL several processes may answer one person in turn (behind a proxy): the next message
    # may come to this process a moment after another opened a conversation or bound the person, so the
    # query runs for every message there. SQLite is one process's database.
    every = 0.0 if store.engine.dialect.name == "postgresql" else CHECK_PEOPLE_EVERY
    if now - store.people_checked < every:
        return
    with store.session() as session:
        mark = members.people_mark(session)
    store.people_checked = now
    if mark != store.people_mark:
        store.people.clear()
        forget_closed(store.engine)
        store.people_mark = mark


def _lookup(msg: Incoming, ctx: Context) -> Asker:
    chat = "" if msg.is_group else msg.chat_id
    key = (msg.platform, msg.user_id, msg.user_name, chat)
    _still_true(ctx)
    people = ctx.store.people
    known = people.get(key)
    if (
        known is not None
        and not msg.is_group
        and known_closed(ctx.store.engine, msg.platform, msg.chat_id, msg.user_id)
    ):  # the common case, 我的任务 again: person, unit and no open conversation all known
        person, unit = known
        admin = ctx.settings.names_admin(msg.platform, msg.user_id) or person.is_admin
        return Asker(member=person, unit=unit, chat_unit=None, is_admin=admin, dialog=None)
    with ctx.store.session() as session:
        known = people.get(key)
        if known is not None:
            person, unit = known
        else:
            person = members.member(session, msg.platform, msg.user_id, name=msg.user_name, chat_id=chat)
            unit = session.get(Unit, person.unit_id) if person.unit_id else None
            session.flush()
            if len(people) > 50_000:
                people.clear()
            people[key] = (person, unit)
        group = members.chat_unit(session, msg.platform, msg.chat_id) if msg.is_group else None
        dialog = get_dialog(session, msg.platform, msg.chat_id, msg.user_id)
        # Rights follow the configuration as it is now and the office's recorded grants: an id taken out
        # of DUBAN_ADMINS is no admin at its next message.
        admin = ctx.settings.names_admin(msg.platform, msg.user_id) or person.is_admin
        return Asker(member=person, unit=unit, chat_unit=group, is_admin=admin, dialog=dialog)


def examples(ctx: Context) -> dict[str, str]:
    """The current plan's examples for help and hints (a unit, a task number, a keyword)."""
    view = ctx.store.view()
    return view.examples() if view is not None else {}


def view_or_reply(ctx: Context, msg: Incoming) -> tuple[PlanView | None, list[Reply]]:
    """The plan view, or the reply saying there is no plan yet."""
    view = ctx.store.view()
    if view is None:
        return None, [Reply(say(lang(msg), "no_plan"))]
    return view, []


def office_view(msg: Incoming, ctx: Context) -> tuple[PlanView | None, list[Reply]]:
    """The plan view for an office command: the reply saying it is for admins, or that there is no plan yet."""
    if not asker(msg, ctx).is_admin:
        return None, [Reply(say(lang(msg), "admin_only"))]
    return view_or_reply(ctx, msg)


def view_and_unit(msg: Incoming, ctx: Context, lg: str) -> tuple[PlanView | None, Unit | None, list[Reply]]:
    """The plan view and the unit the asker speaks for, or the reply saying why there is none."""
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return None, None, replies
    unit = asker(msg, ctx).speaking_for
    if unit is None:
        return view, None, [Reply(say(lg, "unbound_group" if msg.is_group else "unbound", **examples(ctx)))]
    return view, unit, []


@dataclass(frozen=True)
class PressedPart:
    """The part a button under an item names (`task id:unit id`): the live task and the unit."""

    task: model.Task
    task_id: int
    unit_id: int
    unit: str


def view_and_pressed(ctx: Context, arg: str, lg: str) -> tuple[PlanView | None, PressedPart | None, list[Reply]]:
    """The plan view and the part a pressed button names, or the reply that the button has expired (no plan,
    a malformed key, a task no longer live)."""
    task_id, _, unit_id = arg.partition(":")
    view = ctx.store.view()
    task = view.by_id(int(task_id)) if view and task_id.isdigit() and unit_id.isdigit() else None
    if view is None or task is None:
        return view, None, [Reply(say(lg, "expired"), notice=say(lg, "expired"))]
    unit = view.unit_of(unit_name(ctx, int(unit_id)))  # a button kept under 农委 names 市农委
    return view, PressedPart(task, int(task_id), int(unit_id), unit), []


def unit_name(ctx: Context, unit_id: int) -> str:
    """A stored unit's name by its id ("?" when it is gone)."""
    with ctx.store.session() as session:
        unit = session.get(Unit, unit_id)
        return unit.name if unit else "?"


def due_text(task: model.Task, view: PlanView, lg: str) -> str:
    """The earliest dated deadline of a task, or the plan's default, as a short suffix."""
    due = view.due(task)
    return f" · {say(lg, 'due_on', date=due.isoformat())}" if due else ""


def task_line(task: model.Task, view: PlanView, lg: str, suffix: str = "") -> str:
    """One task in a list."""
    return say(lg, "task_title", number=view.name(task), title=task.title) + suffix + due_text(task, view, lg)


def unit_task_lines(unit: str, view: PlanView, lg: str) -> list[str]:
    """A unit's tasks grouped by role (lead, responsible, cooperating), collective ones marked."""
    key = ("unit_lines", unit, lg)
    if key not in view.memo:
        view.memo[key] = _unit_task_lines(view.unit_tasks(unit), view, lg)
    return view.memo[key]  # type: ignore[return-value]


def _unit_task_lines(found: list[UnitTask], view: PlanView, lg: str) -> list[str]:
    """By source when several are live (【法治】…, then 【营商】…), and in each by role."""
    if not view.several:
        return _role_lines(found, view, lg)
    lines: list[str] = []
    by_source: dict[int | None, list[UnitTask]] = {}
    for item in found:
        by_source.setdefault(item.task.source_id, []).append(item)
    for source in view.sources:
        mine = by_source.get(source.id)
        if mine:
            lines.append(say(lg, "source_heading", source=source.short, title=source.title))
            lines.extend(_role_lines(mine, view, lg))
    return lines


def _role_lines(found: list[UnitTask], view: PlanView, lg: str) -> list[str]:
    lines: list[str] = []
    for role in ("lead", "responsible", "cooperating"):
        entries = []
        for item in found:
            vias = [via for r, via in item.roles if r == role]
            named = any(via is None for _, via in item.roles)
            if not vias or (named and None not in vias):  # named in the task: listed once, by that role
                continue
            direct = None in vias
            suffix = "" if direct else say(lg, "via", collective=next(v for v in vias if v))
            entries.append(task_line(item.task, view, lg, suffix))
        if entries:
            lines.append(f"【{say(lg, 'role_' + role)}】")
            lines.extend(entries)
    return lines


def paged(header: str, lines: list[str], key: str, page: int, lg: str, *, edit: bool = False) -> Reply:
    """One page of a long list with ◀ ▶ buttons; pages never pass Telegram's limit and lose nothing."""
    pages: list[list[str]] = [[]]
    size = 0
    pieces = [line[i : i + PAGE_CHARS] for line in lines for i in range(0, max(len(line), 1), PAGE_CHARS)]
    for line in pieces:  # a line longer than a page goes on over the next pages, never cut
        if pages[-1] and (size + len(line) > PAGE_CHARS or len(pages[-1]) >= PAGE_ITEMS):
            carry = [pages[-1].pop()] if pages[-1][-1].startswith("【") else []  # no heading ends a page
            pages.append(carry)
            size = sum(len(x) + 1 for x in carry)
        pages[-1].append(line)
        size += len(line) + 1
    page = max(1, min(page, len(pages)))
    text = "\n".join([header, *pages[page - 1]])
    buttons: list[Button] = []
    if len(pages) > 1:
        text += "\n" + say(lg, "page", page=page, pages=len(pages))
        if page > 1:
            buttons.append(Button(say(lg, "prev"), f"pg:{lg}:{key}:{page - 1}"))
        if page < len(pages):
            buttons.append(Button(say(lg, "next"), f"pg:{lg}:{key}:{page + 1}"))
    return Reply(text, buttons=Reply.rows(buttons), edit=edit)


def leave_trace(msg: Incoming, ctx: Context, action: str, detail: str) -> None:
    """Record an office action taken in the chat (留痕), under the asker's name and platform."""
    from storage import trace

    with ctx.store.session() as session:
        trace.record(
            session, actor=trace.actor_label(asker(msg, ctx).member), via=msg.platform, action=action, detail=detail
        )
