"""The README's settings table is the operator's list: every DUBAN_ setting the code reads is in it,
and every row names a setting that exists."""

from __future__ import annotations

import re
from pathlib import Path

from core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "core", "handlers", "schedules", "ledger", "storage", "plan")


def table_names() -> set[str]:
    """The settings the table's first column names; `_AGENT_ID` after `DUBAN_WECOM_CORP_ID` is DUBAN_WECOM_AGENT_ID."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Settings\n") :]
    section = section[: section.find("\n## ", 1)]
    names: set[str] = set()
    for row in section.splitlines():
        if not row.startswith("| `DUBAN_"):
            continue
        prefix = ""
        for name in re.findall(r"`(DUBAN_[A-Z0-9_]+|_[A-Z0-9_]+)`", row.split("|")[1]):
            if name.startswith("DUBAN_"):
                prefix = "_".join(name.split("_")[:2])  # DUBAN_WECOM
                names.add(name)
            else:
                names.add(prefix + name)
    return names


def read_by_code() -> set[str]:
    """Every setting of the settings object, and any DUBAN_ variable the code reads some other way."""
    names = {f"DUBAN_{field.upper()}" for field in Settings.model_fields}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            names |= set(re.findall(r"(?:environ|getenv)\W+(DUBAN_[A-Z0-9_]+)", path.read_text(encoding="utf-8")))
    return names


def test_every_setting_the_code_reads_is_in_the_table() -> None:
    missing = read_by_code() - table_names()
    assert not missing, f"add to the README's settings table: {', '.join(sorted(missing))}"


def test_every_row_of_the_table_is_a_setting() -> None:
    stale = table_names() - read_by_code()
    assert not stale, f"the README's settings table names settings the code does not read: {', '.join(sorted(stale))}"
