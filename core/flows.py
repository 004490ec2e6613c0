"""Conversations as declared flows: each flow's steps, what each step accepts, its buttons and how long
it may wait, read from core/data/flows.yaml. A conversation's place is one string in the dialog store
(storage/dialogs.py): `report:status`, or `paused:report:status` while a pausable flow waits.

handlers/conversation.py binds every declared step to the function that answers it; this module knows
only the declarations and the rules that follow from them (which flow a state or a button belongs to,
when an idle conversation ends)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from core.settings import Settings
from plan.text import matchable

DATA = Path(__file__).resolve().parent / "data" / "flows.yaml"
PAUSED = "paused:"
ACCEPTS = ("number", "status", "text", "figure", "attachment", "confirm", "choice", "any")
IDLE_RULES = ("dialog_timeout", "never")


@dataclass(frozen=True)
class Flow:
    """One declared conversation."""

    name: str
    state: str  # the first word of its states in the dialog store
    buttons: str  # its buttons' data starts with this
    steps: dict[str, str]  # step -> what it accepts, in the order asked
    idle: str = "dialog_timeout"
    pausable: bool = False
    answers_questions: bool = False
    resumed_by: str | None = None  # the intent that takes up a paused one
    ended: str = "report_timeout"  # the text (core/texts.py) telling that it ended idle
    paused_ended: str = "report_paused_ended"

    def at(self, step: str) -> str:
        """The stored state of one of its steps."""
        if step not in self.steps:
            raise KeyError(f"flow {self.name} has no step {step!r}")
        return f"{self.state}:{step}"


@dataclass(frozen=True)
class Question:
    """A question asked beside any conversation and answered once (which source a number means)."""

    name: str
    buttons: str  # its buttons' data starts with this
    idle: str = "dialog_timeout"


@dataclass(frozen=True)
class Place:
    """Where a stored state stands: its flow, its step, and whether it is paused."""

    flow: Flow
    step: str
    paused: bool

    @property
    def accepts(self) -> str:
        return self.flow.steps.get(self.step, "any")

    @property
    def state(self) -> str:
        """The state this place is (or, paused, will be on resuming)."""
        return f"{self.flow.state}:{self.step}"


@dataclass(frozen=True)
class Flows:
    """Every declared flow and the words that answer any step."""

    flows: dict[str, Flow]
    words: dict[str, tuple[str, ...]]
    offered_hours: float = 24.0  # how long choices of no flow wait for a typed number
    questions: dict[str, Question] = field(default_factory=dict)

    def place(self, state: str) -> Place | None:
        """The flow and step of a stored state; None for a state no flow declares (left by an old version)."""
        paused = state.startswith(PAUSED)
        first, _, step = state.removeprefix(PAUSED).partition(":")
        flow = next((f for f in self.flows.values() if f.state == first), None)
        if flow is None or step not in flow.steps or (paused and not flow.pausable):
            return None
        return Place(flow, step, paused)

    def owning(self, callback: str) -> Flow | None:
        """The flow a button belongs to."""
        return next((f for f in self.flows.values() if callback.startswith(f.buttons)), None)

    def means(self, kind: str, text: str) -> bool:
        """Whether a whole message is one of the words of a kind (cancel, skip, confirm)."""
        return fold(text) in self.words[kind]

    def ends_at(self, state: str, updated_at: datetime, settings: Settings) -> datetime | None:
        """When a conversation left untouched since `updated_at` ends; None: it waits for good."""
        place = self.place(state)
        if place is None:
            return updated_at  # nothing can carry it on: ends at once
        if place.paused:
            return updated_at + timedelta(days=settings.paused_report_days)
        if place.flow.idle == "never":
            return None
        return updated_at + timedelta(minutes=settings.dialog_timeout_minutes)

    def _until(self, idle: str, offered_at: datetime, settings: Settings) -> datetime | None:
        if idle == "never":
            return None
        return offered_at + timedelta(minutes=settings.dialog_timeout_minutes)

    def asked_until(self, question: str, asked_at: datetime, settings: Settings) -> datetime | None:
        """Until when a question asked beside the conversations waits for its answer (None: until answered)."""
        return self._until(self.questions[question].idle, asked_at, settings)

    def offer_rules(
        self, data: list[str], offered_at: datetime, settings: Settings
    ) -> tuple[str | None, datetime | None]:
        """Whose choices these are (the state word of the flow a button belongs to; None: no flow's) and until
        when a typed number answers them (None: until answered, replaced, or their conversation ends)."""
        flow = next((found for d in data if (found := self.owning(d)) is not None), None)
        if flow is not None:
            return flow.state, self._until(flow.idle, offered_at, settings)
        asked = next((q for q in self.questions.values() for d in data if d.startswith(q.buttons)), None)
        if asked is not None:
            return asked.name, self._until(asked.idle, offered_at, settings)
        return None, offered_at + timedelta(hours=self.offered_hours)


def fold(text: str) -> str:
    """A whole message as the flow words are compared: no format characters, one width, lower case, no space around."""
    return matchable(text).strip().lower()


def _load(raw: dict[str, Any]) -> Flows:
    words = {kind: tuple(fold(str(w)) for w in values) for kind, values in (raw.get("words") or {}).items()}
    for kind in ("cancel", "skip", "confirm", "gives_up", "corrects"):
        words.setdefault(kind, ())
    flows: dict[str, Flow] = {}
    for name, body in (raw.get("flows") or {}).items():
        steps = {str(step): str(kind) for step, kind in (body.get("steps") or {}).items()}
        wrong = sorted({kind for kind in steps.values() if kind not in ACCEPTS})
        if not steps or wrong:
            raise ValueError(f"flow {name}: {'no steps' if not steps else 'unknown answer kinds ' + ', '.join(wrong)}")
        idle = str(body.get("idle", "dialog_timeout"))
        if idle not in IDLE_RULES:
            raise ValueError(f"flow {name}: idle must be one of {', '.join(IDLE_RULES)}")
        flows[name] = Flow(
            name=name,
            state=str(body.get("state", name)),
            buttons=str(body["buttons"]),
            steps=steps,
            idle=idle,
            pausable=bool(body.get("pausable", False)),
            answers_questions=bool(body.get("answers_questions", False)),
            resumed_by=body.get("resumed_by"),
            ended=str(body.get("ended", "report_timeout")),
            paused_ended=str(body.get("paused_ended", "report_paused_ended")),
        )
    questions: dict[str, Question] = {}
    for name, body in (raw.get("questions") or {}).items():
        idle = str(body.get("idle", "dialog_timeout"))
        if idle not in IDLE_RULES:
            raise ValueError(f"question {name}: idle must be one of {', '.join(IDLE_RULES)}")
        questions[name] = Question(name=name, buttons=str(body["buttons"]), idle=idle)
    states = [f.state for f in flows.values()] + list(questions)
    buttons = [f.buttons for f in flows.values()] + [q.buttons for q in questions.values()]
    if len(set(states)) != len(states) or len(set(buttons)) != len(buttons) or "paused" in states:
        raise ValueError("two flows or questions share a state word or a button prefix")
    return Flows(flows, words, float(raw.get("offered_hours", 24)), questions)


@lru_cache(maxsize=1)
def flows(path: Path = DATA) -> Flows:
    """The declared flows (read once)."""
    return _load(yaml.safe_load(path.read_text(encoding="utf-8")))
