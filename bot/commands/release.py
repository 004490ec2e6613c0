"""Commands of running a release: migrate the schema, back the database up and restore it."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.commands.common import CommandError, out
from core.settings import Settings
from storage.backup import BackupError, backup, restore
from storage.db import SchemaError, make_engine, migrate


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> None:
    """Bring the database's schema to this release's (what `duban run` also does at start)."""
    engine = make_engine(settings.db_url())
    try:
        before, after = migrate(engine)
    except SchemaError as exc:
        raise CommandError(str(exc)) from None
    if before == after:
        out.print(f"schema {after}: up to date ({engine.url.render_as_string()})")
    else:
        out.print(f"schema {before or 'empty'} → {after} ({engine.url.render_as_string()})")


def cmd_backup(args: argparse.Namespace, settings: Settings) -> None:
    """A consistent copy of the database, taken while Duban runs."""
    try:
        done = backup(make_engine(settings.db_url()), Path(args.out))
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    out.print(f"backup: {done.path} ({done.kind}, {done.size:,} bytes, schema {done.revision})")


def cmd_restore(args: argparse.Namespace, settings: Settings) -> None:
    """Replace the database with a backup, then migrate it; stop every `duban run` first."""
    engine = make_engine(settings.db_url())
    if not args.yes and not _confirmed(f"replace everything in {engine.url.render_as_string()} with {args.file}?"):
        raise CommandError("restore not confirmed; nothing changed (add --yes to restore without asking)")
    try:
        done = restore(engine, Path(args.file))
    except BackupError as exc:
        raise CommandError(str(exc)) from None
    out.print(f"restored {done.path} ({done.kind}, schema {done.revision}) into {engine.url.render_as_string()}")


def _confirmed(question: str) -> bool:
    """A yes from a person at a terminal; no terminal is no."""
    import sys

    if not sys.stdin.isatty():
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes", "是")


def cmd_check(args: argparse.Namespace, settings: Settings) -> None:
    """What the settings configure and whether each part works; exit status 1 on any failure."""
    from bot.check import FAIL, check

    findings = check(settings)
    for finding in findings:
        out.print(finding.line(), markup=False)
    failed = [f.part for f in findings if f.level == FAIL]
    if failed:
        raise CommandError(f"{len(failed)} check(s) failed: {', '.join(dict.fromkeys(failed))}")
