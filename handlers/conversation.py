"""Carrying an open conversation: the declared flows (core/data/flows.yaml) bound to the functions that
answer each step, and the one set of rules for every flow: which messages continue it, what a step
accepts, when a question is answered instead, when it ends idle, pausing and resuming.

A guided report, followed from the adapter to the database:
  adapter (bot/adapters/*) → handlers.router.dispatch → carry (here) → report.ANSWERS[step]
  → storage/dialogs.set_dialog (the next step) … → report._store → storage/reports.add_report."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.context import Context
from core.flows import Flow, Place, flows, fold
from core.messages import Incoming, Reply
from core.noise import noise
from core.texts import say
from core.understanding import Reading, is_question
from handlers import broadcast, lifecycle, report
from plan.deadlines import number as numeral
from plan.text import matchable, visible
from schedules.outbox import enqueue
from storage import dialogs
from storage.models import Dialog

logger = logging.getLogger(__name__)

Carry = Callable[[Incoming, Context, Dialog], Awaitable[list[Reply]]]
Reader = Callable[[Incoming, Context], Reading]
Answerer = Callable[[Incoming, Context, Reading], Awaitable[list[Reply]]]


@dataclass(frozen=True)
class Bound:
    """A declared flow with the functions that carry it."""

    flow: Flow
    steps: frozenset[str]  # the steps the handler module answers
    proceed: Carry  # the open step's answer (the module dispatches on its ANSWERS table)
    reask: Callable[[Context, Dialog], list[Reply]] | None = None
    missed: Carry | None = None  # a reply the step cannot use (else proceed says what it needs)


def _bind() -> dict[str, Bound]:
    declared = flows().flows
    bound = {
        "report": Bound(declared["report"], frozenset(report.ANSWERS), report.proceed, report.reask, report.missed),
        "broadcast": Bound(declared["broadcast"], frozenset(broadcast.ANSWERS), broadcast.proceed),
        **lifecycle.bound(declared, Bound),
    }
    for name, flow in declared.items():
        if name not in bound or set(flow.steps) != bound[name].steps:
            raise RuntimeError(f"flow {name}: the steps declared and the steps answered differ")
    return bound


BOUND = _bind()


# --- what a step accepts ----------------------------------------------------------------------------


def _number(msg: Incoming, folded: str) -> bool:
    number = re.search(r"\d{1,4}|[一二两三四五六七八九十]{1,3}", folded)
    return number is not None and len(folded) <= 12 and not is_question(folded)


def _figure(msg: Incoming, folded: str) -> bool:
    figure = report.figure_in(folded)
    return figure is not None and len(folded) - len(figure[1]) <= 6 and not is_question(folded)


RECOGNISERS: dict[str, Callable[[Incoming, str], bool]] = {
    "number": _number,
    "status": lambda msg, folded: report.status_of(folded) is not None,
    "text": lambda msg, folded: visible(msg.text or ""),
    "figure": _figure,
    "attachment": lambda msg, folded: msg.attachment is not None,
    "confirm": lambda msg, folded: folded in flows().words["confirm"],
    "choice": lambda msg, folded: False,  # only its buttons answer it
    "any": lambda msg, folded: True,
}


def accepts(place: Place, msg: Incoming) -> bool:
    """Whether a message can answer the open step; a button, 取消 and 跳过 always can."""
    folded = matchable(msg.text or "").strip().lower()
    if msg.callback is not None or folded in flows().words["cancel"] or folded in flows().words["skip"]:
        return True
    return RECOGNISERS[place.accepts](msg, folded)


def continues(msg: Incoming, flow: Flow) -> bool:
    """A message answers the open conversation unless it is another command or another feature's button."""
    if msg.callback is not None:
        return msg.callback.startswith(flow.buttons)
    text = msg.text.strip()
    return not text.startswith("/") or text.startswith("/cancel")


# --- carrying a conversation ----------------------------------------------------------------------


def ends_at(dialog: Dialog, ctx: Context) -> datetime | None:
    """When an untouched conversation ends (None: never)."""
    return flows().ends_at(dialog.state, dialog.updated_at, ctx.settings)


def ended_notice(dialog: Dialog, ctx: Context) -> Reply:
    """What the person is told when their conversation ended idle: for how long it waited."""
    lg = dialog.data.get("lang", "zh")
    place = flows().place(dialog.state)
    if place is not None and place.paused:
        return Reply(say(lg, place.flow.paused_ended, days=ctx.settings.paused_report_days))
    key = place.flow.ended if place is not None else "report_timeout"
    return Reply(say(lg, key, minutes=ctx.settings.dialog_timeout_minutes))


async def carry(msg: Incoming, ctx: Context, dialog: Dialog, read: Reader, answer: Answerer) -> list[Reply] | None:
    """The replies when a message belongs to the open conversation; None when it is to be routed as
    any other message (the conversation, if still open, stays as it was)."""
    place = flows().place(dialog.state)
    if place is None:
        with ctx.store.session() as session:
            dialogs.clear_dialog(session, msg.platform, msg.chat_id, msg.user_id)
        return None
    bound = BOUND[place.flow.name]
    if place.paused:
        if msg.callback is None and bound.reask is not None:
            reading = read(msg, ctx)
            if reading.acted_on and reading.intent == place.flow.resumed_by and reading.task is None:
                return resume(msg, ctx, dialog, bound)
        return None
    if not continues(msg, place.flow):
        return None
    if msg.callback is None and gives_up(msg.text or ""):  # 先不报了 还没定, 算了，先别发: at any step
        return await (broadcast.cancel(msg, ctx, dialog) if place.flow.name == "broadcast" else report.cancel(msg, ctx))
    if msg.callback is None and place.flow.name == "report" and (number := corrected_task(msg.text or "")):
        return await report.start(msg, ctx, str(number))  # 不对 是第14条: the report goes on with that task
    if not place.flow.answers_questions:
        return await bound.proceed(msg, ctx, dialog)
    if msg.callback is None and place.flow.name == "report" and place.step in report.AFTER_STATUS:
        reading = read(msg, ctx) if correction_word(msg.text or "") else None
        if reading is not None and reading.intent == place.flow.resumed_by and reading.task is None and reading.status:
            return report.restated(msg, ctx, dialog, reading.status)  # 不对，应该是已完成: never the account
    asks = _asks_instead(msg, ctx, place, read)
    if accepts(place, msg) and not asks:
        return await bound.proceed(msg, ctx, dialog)
    reading = read(msg, ctx)
    if reading.intent == place.flow.resumed_by and reading.task is None and reading.status is not None:
        return await (bound.missed or bound.proceed)(
            msg, ctx, dialog
        )  # 不对，应该是已完成: the step's, not a new report
    if reading.acted_on and reading.intent == place.flow.resumed_by and bound.reask is not None:
        current = dialog.data.get("task")
        if reading.task is None or reading.task == current:
            return bound.reask(ctx, dialog)  # 汇报进展 again: the report already open goes on
        await report.cancel(msg, ctx)
        return None  # another task's report instead: routed as a new one
    if reading.acted_on and bound.reask is not None:
        replies = await answer(msg, ctx, reading)
        lg = dialog.data.get("lang", "zh")
        return [*replies, Reply(say(lg, "answer_then_continue")), *bound.reask(ctx, dialog)]
    if asks and bound.reask is not None:  # a question Duban cannot answer is still no account
        return [Reply(say(dialog.data.get("lang", "zh"), "question_not_account")), *bound.reask(ctx, dialog)]
    return await (bound.missed or bound.proceed)(msg, ctx, dialog)


def _asks_instead(msg: Incoming, ctx: Context, place: Place, read: Reader) -> bool:
    """At a step taking any text, only a plain question is taken as one."""
    if place.accepts != "text" or msg.callback is not None:
        return False
    reading = read(msg, ctx)
    # 这个要什么时候交？ is no account, whether or not Duban can answer it: never one tap from saved
    return reading.question and len(msg.text) <= 40


def gives_up(text: str) -> bool:
    """A change of mind said first (先不报了 还没定, 算了，先别发), whatever follows it."""
    folded = noise().clean(fold(text))
    return any(
        folded == word or (folded.startswith(word) and re.match(r"[\s,，。.!！;；~～]", folded[len(word)]))
        for word in flows().words["gives_up"]
    )


_TASK_NUMBER = re.compile(r"第?\s*(\d{1,4}|[一二两三四五六七八九十]{1,4})\s*[条项]?")


def correction_word(text: str) -> str | None:
    """The word a message opens its correction with (不对, 搞错了, sorry, I mean), if it is one; None for a
    question. Said in a folded copy whose punctuation is spaces, so `sorry, i mean` is `sorry i mean`."""
    folded = re.sub(r"[\s,，。.!！;；:：~～]+", " ", noise().clean(fold(text))).strip()
    if is_question(folded):
        return None
    return next((w for w in flows().words["corrects"] if re.match(rf"{re.escape(w)}(?![a-z])", folded)), None)


def corrected_task(text: str) -> int | None:
    """The task a correction names (不对 是第14条, 搞错了，应该是15条), if the message is one."""
    word = correction_word(text)
    if word is None:
        return None
    folded = re.sub(r"[\s,，。.!！;；:：~～]+", " ", noise().clean(fold(text))).strip()
    found = _TASK_NUMBER.search(folded[len(word) :])
    return numeral(found.group(1)) if found else None


def resume(msg: Incoming, ctx: Context, dialog: Dialog, bound: Bound) -> list[Reply]:
    """Take up a paused conversation where it was left."""
    state = dialog.state.removeprefix("paused:")
    data = {**dialog.data, "misses": 0}
    with ctx.store.session() as session:
        dialogs.set_dialog(session, msg.platform, msg.chat_id, msg.user_id, state, data, now=ctx.now())
    lg = dialog.data.get("lang", "zh")
    again = bound.reask(ctx, dialog.model_copy(update={"state": state})) if bound.reask else []
    return [Reply(say(lg, "report_resumed")), *again]


def end_idle(ctx: Context) -> int:
    """End conversations left past their flow's time (a paused report waits days, others minutes); each
    person is told through the outbox, in the same transaction, so a failed send is tried again and a
    notice is never lost with its conversation. How many ended."""
    now = ctx.now()
    shortest = timedelta(minutes=min(ctx.settings.dialog_timeout_minutes, ctx.settings.paused_report_days * 1440))
    ended = 0
    with ctx.store.session() as session:
        for dialog in dialogs.idle_dialogs(session, now - shortest):
            until = ends_at(dialog, ctx)
            if until is None or until > now:
                continue
            notice = ended_notice(dialog, ctx)
            if not dialogs.end_if_untouched(session, dialog):
                continue
            enqueue(session, text=notice.text, recipients=[(dialog.platform, dialog.chat_id)], kind="reply")
            ended += 1
    if ended and ctx.wake_sender is not None:
        ctx.wake_sender()
    return ended
