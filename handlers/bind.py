"""Who is who: binding a person or a group to a unit, approval by an admin, invite codes."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlmodel import Session

from core.context import Context
from core.messages import Button, Incoming, Reply
from core.texts import say
from handlers.common import Asker, asker, echo, examples, forget_people, lang, leave_trace, view_or_reply
from storage import members
from storage.models import Member, Unit
from storage.trace import actor_label

logger = logging.getLogger(__name__)


async def bind(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """/bind 司法局 or 我是司法局的: find the unit, confirm a loose match, then request or bind."""
    lg = lang(msg)
    if not arg.strip():
        return [Reply(say(lg, "bind_usage", **examples(ctx)))]
    if msg.is_group and not asker(msg, ctx).is_admin:
        return [Reply(say(lg, "admin_only"))]  # a group speaks for a unit only when an admin says so
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    match = view.resolver.resolve(arg)
    if match.unit is None and match.candidates:
        buttons = [[Button(name, f"bind:{view.unit_ids[name]}")] for name in match.candidates]
        return [Reply(say(lg, "unit_ambiguous", name=echo(arg)), buttons=Reply.rows(*buttons))]
    if match.unit is None:
        return [Reply(say(lg, "unit_not_found", name=echo(arg)))]
    if view.kind(match.unit) == "collective":
        return [Reply(say(lg, "bind_collective", unit=match.unit))]
    own = asker(msg, ctx).unit
    if not msg.is_group and own is not None and own.name == match.unit:  # nothing to confirm or ask for
        return [Reply(say(lg, "bind_same", unit=match.unit))]
    if match.reason != "exact":
        unit_id = view.unit_ids[match.unit]
        buttons = [Button(say(lg, "yes"), f"bind:{unit_id}"), Button(say(lg, "no"), "nobind")]
        return [Reply(say(lg, "bind_confirm", unit=match.unit), buttons=Reply.rows(buttons))]
    return await _bind_unit(msg, ctx, view.unit_ids[match.unit], lg)


async def confirm(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """The button under a binding question: the unit chosen."""
    lg = lang(msg)
    if not arg.isdigit():
        return [Reply(say(lg, "expired"))]
    return await _bind_unit(msg, ctx, int(arg), lg, edit=True)


async def cancel(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """The 不是 button."""
    return [Reply(say(lang(msg), "bind_cancelled"), edit=True)]


def _fresh(session: Session, person: Member, ctx: Context) -> Member:
    """The person's row as the database has it now (the asker's copy may be a second old)."""
    found = session.get(Member, person.id)
    assert found is not None
    forget_people(ctx)  # whatever is done with it next, the remembered copy is out of date
    return found


async def _bind_unit(msg: Incoming, ctx: Context, unit_id: int, lg: str, *, edit: bool = False) -> list[Reply]:
    who = asker(msg, ctx)
    with ctx.store.session() as session:
        unit = session.get(Unit, unit_id)
        person = _fresh(session, who.member, ctx)
        if unit is None:
            return [Reply(say(lg, "expired"))]
        if msg.is_group:
            if not who.is_admin:
                return [Reply(say(lg, "admin_only"), edit=edit)]
            members.bind_chat(session, msg.platform, msg.chat_id, unit, person)
            return [Reply(say(lg, "group_bound", unit=unit.name), edit=edit)]
        if person.unit_id == unit.id:
            return [Reply(say(lg, "bind_same", unit=unit.name), edit=edit)]
        if who.is_admin:
            members.bind_now(person, unit)
            return [Reply(say(lg, "bind_done", unit=unit.name), edit=edit)]
        members.request_binding(session, person, unit)
        admins = [a for a in members.admins(session, ctx.settings.configured_admins()) if a.chat_id]
        label = actor_label(person)
        replies = [Reply(say(lg, "bind_requested", unit=unit.name), edit=edit)]
        if not admins:
            replies.append(Reply(say(lg, "no_admins")))
        for admin in admins:
            buttons = [
                Button(say("zh", "approve"), f"approve:{person.id}"),
                Button(say("zh", "reject"), f"reject:{person.id}"),
            ]
            replies.append(
                Reply(
                    say("zh", "bind_admin_request", person=label, unit=unit.name),
                    buttons=Reply.rows(buttons),
                    chat_id=admin.chat_id,
                    platform=admin.platform,
                )
            )
        return replies


@dataclass(frozen=True)
class Decision:
    """An approved or rejected binding request: who, which unit, and the message that tells them."""

    person: str
    unit: str
    told: Reply | None  # to the person's own chat; None when Duban cannot write to them


def settle_request(ctx: Context, person_id: int, *, approve: bool) -> Decision | None:
    """Approve or reject a person's pending request (from the chat or the console); None when none is open."""
    with ctx.store.session() as session:
        person = session.get(Member, person_id)
        if person is None or person.pending_unit_id is None:
            return None
        unit = members.approve(session, person) if approve else members.reject(session, person)
        name = unit.name if unit else "?"
        text = say("zh", "approved_user" if approve else "rejected_user", unit=name)
        told = Reply(text, chat_id=person.chat_id, platform=person.platform) if person.chat_id else None
        decision = Decision(actor_label(person), name, told)
    forget_people(ctx)
    return decision


async def decide(msg: Incoming, ctx: Context, arg: str, *, approve: bool) -> list[Reply]:
    """An admin's approve / reject button on a binding request."""
    lg = lang(msg)
    who = asker(msg, ctx)
    if not who.is_admin:
        return [Reply(say(lg, "admin_only"), notice=say(lg, "admin_only"))]
    decision = settle_request(ctx, int(arg), approve=approve) if arg.isdigit() else None
    if decision is None:
        return [Reply(say(lg, "request_gone"), edit=True)]
    done = say(lg, "approved_admin" if approve else "rejected_admin", person=decision.person, unit=decision.unit)
    leave_trace(msg, ctx, "approve" if approve else "reject", f"{decision.person} → {decision.unit}")
    return [Reply(done, edit=True), *([decision.told] if decision.told else [])]


async def approve(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """Approve button."""
    return await decide(msg, ctx, arg, approve=True)


async def reject(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """Reject button."""
    return await decide(msg, ctx, arg, approve=False)


async def unbind(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """/unbind: leave one's unit (in a group, an admin releases the group)."""
    lg = lang(msg)
    who = asker(msg, ctx)
    with ctx.store.session() as session:
        if msg.is_group and who.chat_unit is not None:
            if not who.is_admin:
                return [Reply(say(lg, "admin_only"))]
            members.unbind_chat(session, msg.platform, msg.chat_id)
            return [Reply(say(lg, "unbind_group"))]
        person = _fresh(session, who.member, ctx)
        if who.unit is None and person.pending_unit_id is None:
            return [Reply(say(lg, "unbind_none"))]
        name = who.unit.name if who.unit else ""
        members.unbind(person)
        return [Reply(say(lg, "unbind_done", unit=name, **examples(ctx)) if name else say(lg, "unbind_none"))]


async def not_member(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """我不是司法局的: if that is the unit one is bound to, leave it; otherwise say which one it is."""
    lg = lang(msg)
    who = asker(msg, ctx)
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    named = view.resolver.resolve(arg).unit
    if who.unit is not None and named == who.unit.name and not msg.is_group:
        return await unbind(msg, ctx)
    if who.unit is not None:
        return [Reply(say(lg, "not_member_other", unit=who.unit.name))]
    return [Reply(say(lg, "unbound_group" if msg.is_group else "unbound", **examples(ctx)))]


async def whoami(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """/whoami: one's unit, a pending request, admin rights, the group's unit, one's id."""
    lg = lang(msg)
    who = asker(msg, ctx)
    lines = [_status(who, ctx, lg)]
    if who.chat_unit is not None:
        lines.append(say(lg, "whoami_group", unit=who.chat_unit.name))
    if who.is_admin:
        lines.append(say(lg, "whoami_admin"))
    lines.append(f"ID: {msg.platform}:{msg.user_id}")
    return [Reply("\n".join(lines))]


def _status(who: Asker, ctx: Context, lg: str) -> str:
    if who.unit is not None:
        return say(lg, "whoami_bound", unit=who.unit.name)
    if who.member.pending_unit_id:
        with ctx.store.session() as session:
            asked = session.get(Unit, who.member.pending_unit_id)
        return say(lg, "whoami_pending", unit=asked.name if asked else "?")
    return say(lg, "whoami_none")


async def invite(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """/invite 司法局 (admins): a one-time code, and a link where the platform has one."""
    lg = lang(msg)
    who = asker(msg, ctx)
    if not who.is_admin:
        return [Reply(say(lg, "admin_only"))]
    if not arg.strip():
        return [Reply(say(lg, "invite_usage", **examples(ctx)))]
    view, replies = view_or_reply(ctx, msg)
    if view is None:
        return replies
    match = view.resolver.resolve(arg)
    if match.unit is None:
        key = "unit_ambiguous" if match.candidates else "unit_not_found"
        return [Reply("\n".join([say(lg, key, name=echo(arg)), *match.candidates]))]
    with ctx.store.session() as session:
        unit = members.unit_by_name(session, match.unit)
        assert unit is not None
        code = members.make_invite(session, unit, _fresh(session, who.member, ctx))
    leave_trace(msg, ctx, "invite", match.unit)
    maker = ctx.invite_links.get(msg.platform)
    link = say(lg, "invite_link", url=maker(code)) if maker else ""
    return [Reply(say(lg, "invite_made", unit=match.unit, code=code, link=link))]


async def start(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """/start, or /start CODE from an invite link: the code binds at once, once."""
    lg = lang(msg)
    code = arg.strip()
    if not code:
        from handlers.help import help_text

        return [Reply(say(lg, "welcome") + "\n" + help_text(ctx, lg))]
    who = asker(msg, ctx)
    with ctx.store.session() as session:
        unit = members.use_invite(session, code, _fresh(session, who.member, ctx))
        if unit is None:
            return [Reply(say(lg, "invite_bad"))]
        return [Reply(say(lg, "bind_done", unit=unit.name))]


async def add_admin(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """/addadmin ID (admins): grant another person the office's rights; ID as /whoami shows it."""
    return _grant(msg, ctx, arg, grant=True)


async def remove_admin(msg: Incoming, ctx: Context, arg: str) -> list[Reply]:
    """/removeadmin ID (admins): take a granted right back (configured admins follow the settings)."""
    return _grant(msg, ctx, arg, grant=False)


def _grant(msg: Incoming, ctx: Context, arg: str, *, grant: bool) -> list[Reply]:
    lg = lang(msg)
    who = asker(msg, ctx)
    if not who.is_admin:
        return [Reply(say(lg, "admin_only"))]
    platform, _, user_id = arg.strip().rpartition(":")
    if not user_id:
        return [Reply(say(lg, "admin_usage"))]
    with ctx.store.session() as session:
        person = members.member(session, platform or msg.platform, user_id)
        person.is_admin = grant
        forget_people(ctx)
        label = actor_label(person)
    logger.warning(
        "admin right %s for %s by %s:%s", "granted" if grant else "removed", label, msg.platform, msg.user_id
    )
    leave_trace(msg, ctx, "grant" if grant else "revoke", label)
    configured = ctx.settings.names_admin(person.platform, person.user_id)
    key = "admin_granted" if grant else ("admin_removed_configured" if configured else "admin_removed")
    return [Reply(say(lg, key, person=label))]


def suggest(msg: Incoming, ctx: Context) -> list[Reply]:
    """An unbound person whose platform names their department: offer that unit, still to be approved."""
    who = asker(msg, ctx)
    view = ctx.store.view()
    if not msg.unit_hint or view is None or who.unit is not None or who.member.pending_unit_id is not None:
        return []
    match = view.resolver.resolve(msg.unit_hint)
    if match.unit is None or view.kind(match.unit) == "collective":
        return []
    lg = lang(msg)
    buttons = [Button(say(lg, "yes"), f"bind:{view.unit_ids[match.unit]}"), Button(say(lg, "no"), "nobind")]
    return [Reply(say(lg, "bind_hint", department=msg.unit_hint, unit=match.unit), buttons=Reply.rows(buttons))]
