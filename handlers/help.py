"""Help, and the hint for what was not understood."""

from __future__ import annotations

from core.context import Context
from core.messages import Incoming, Reply
from core.texts import fill, say
from handlers.common import asker, echo, examples, lang


def help_text(ctx: Context, lg: str) -> str:
    """The help text with the current plan's title."""
    view = ctx.store.view()
    return say(lg, "help", plan=view.title if view else "—", **examples(ctx))


async def show_help(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """/help with examples; admins also see their commands."""
    lg = lang(msg)
    text = help_text(ctx, lg)
    if asker(msg, ctx).is_admin:
        text += "\n" + say(lg, "help_admin")
    return [Reply(text)]


async def not_understood(
    msg: Incoming, ctx: Context, arg: str = "", suggestions: list[str] | None = None
) -> list[Reply]:
    """Never silence: what is nearest to what was typed, as examples to send."""
    lg = lang(msg)
    if not suggestions:
        return [Reply(say(lg, "not_understood", **examples(ctx), text=echo(msg.text)))]
    suggestions = [fill(s, **examples(ctx)) for s in suggestions]  # 第{eg_task}条 as this plan's 第4条
    tried = "、".join(f"“{s}”" for s in suggestions) if lg == "zh" else ", ".join(f'"{s}"' for s in suggestions)
    return [Reply(say(lg, "not_understood_near", text=echo(msg.text), suggestions=tried))]


async def welcome(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """Someone opens the app (WeCom enter_agent, subscribe): a greeting, and how to bind if they have not."""
    lg = lang(msg)
    who = asker(msg, ctx)
    if who.unit is not None:
        return [Reply(say(lg, "welcome_back", unit=who.unit.name))]
    return [Reply(say(lg, "welcome") + "\n" + say(lg, "welcome_bind") + "\n\n" + help_text(ctx, lg))]


async def unsupported(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """A voice message, a video, a location: say what Duban can read instead of staying silent."""
    return [Reply(say(lang(msg), "unsupported_kind"))]


async def stray_file(msg: Incoming, ctx: Context, arg: str = "") -> list[Reply]:
    """A photo or file outside a report: say how to attach it to one."""
    return [Reply(say(lang(msg), "stray_file"))]
