"""The unit resolver on a labeled set of what staff type: every line asserted, no wrong unit ever."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plan.directory import Directory, load_directory
from plan.parser import parse_file
from plan.places import plan_places
from plan.resolver import NOT_IN_PLAN, Resolver

CASES = Path(__file__).parent / "data" / "resolve_cases.tsv"


def load_cases() -> list[tuple[str, str, str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, kind, expected = line.split("\t")
            rows.append((query, kind, expected))
    return rows


def plan_resolver(path: Path, directory: Directory) -> Resolver:
    """A resolver as Duban builds one for a plan: its units and the places its issuer names."""
    parsed = parse_file(path)
    return Resolver(parsed.units, directory, places=plan_places(parsed.issuer, parsed.title, parsed.units))


@pytest.fixture(scope="module")
def resolver(seed_path: Path, directory: Directory) -> Resolver:
    return plan_resolver(seed_path, directory)


def test_the_labeled_set_is_large_and_varied() -> None:
    cases = load_cases()
    kinds = {kind for _, kind, _ in cases}
    assert len(cases) >= 150
    assert kinds >= {"exact", "prefix", "alias", "fuzzy", "homophone", "pinyin", "initials", "english", "sentence"}
    assert kinds >= {"absent", "near", "ambiguous"}


@pytest.mark.parametrize(("query", "kind", "expected"), load_cases(), ids=lambda v: str(v))
def test_labeled_query(resolver: Resolver, query: str, kind: str, expected: str) -> None:
    match = resolver.resolve(query)
    if expected == "-":
        assert (match.unit, match.candidates) == (None, []) and match.reason in ("none", *NOT_IN_PLAN)
    elif "|" in expected:
        assert match.unit is None and match.reason == "ambiguous"
        assert sorted(match.candidates) == sorted(expected.split("|"))
    else:
        assert match.unit == expected, match
        assert match.candidates == []


def test_reasons_say_how_it_matched(resolver: Resolver) -> None:
    reasons = {q: resolver.resolve(q).reason for q in ["区司法局", "发改局", "司法局", "司发局", "sfj", "sifaju"]}
    assert reasons == {
        "区司法局": "exact",
        "发改局": "alias",
        "司法局": "prefix",
        "司发局": "pinyin",
        "sfj": "initials",
        "sifaju": "pinyin",
    }
    assert resolver.resolve("Justice Bureau").reason == "english"
    assert resolver.resolve("我是司法局的").reason == "sentence"
    assert resolver.resolve("区市场监督管理局局").reason == "fuzzy"


def test_look_alikes_are_never_confused(resolver: Resolver) -> None:
    for a, b in [("区统计局", "区审计局"), ("区委办公室", "区政府办公室"), ("区委宣传部", "区委组织部")]:
        assert resolver.resolve(a).unit == a and resolver.resolve(b).unit == b


def test_long_message_and_markup_are_handled(resolver: Resolver) -> None:
    assert resolver.resolve("啊" * 10_000).unit is None
    assert resolver.resolve("我是" + "很" * 5000 + "司法局的").unit == "区司法局"
    assert resolver.resolve("<script>alert(1)</script>").unit is None


def test_office_directory_adds_aliases_and_collective_members(tmp_path: Path, seed_path: Path) -> None:
    path = tmp_path / "directory.yaml"
    path.write_text(
        "collectives:\n  区政府各行政执法部门:\n    members: [区司法局]\nunits:\n  区司法局:\n    aliases: [法治办]\n",
        encoding="utf-8",
    )
    directory = load_directory(path)
    resolver = plan_resolver(seed_path, directory)
    assert resolver.resolve("法治办").unit == "区司法局"
    assert directory.members("区政府各行政执法部门", []) == ["区司法局"]


def _duban(*args: str, stdin: str = "", env_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DUBAN_DATA_DIR": str(env_dir)}
    env.pop("DUBAN_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True, text=True, env=env, timeout=120
    )


def test_resolve_command_json(tmp_path: Path) -> None:
    result = _duban("resolve", "发改局", "--json", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "query": "发改局",
        "unit": "区发改委",
        "score": 100,
        "candidates": [],
        "reason": "alias",
    }


def test_resolve_reads_many_queries_from_stdin_in_one_process(tmp_path: Path) -> None:
    result = _duban("resolve", "-", "--json", stdin="司法局\n区教育局\n\n办公室\nsfj\n", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(x["query"], x["unit"], x["reason"]) for x in lines] == [
        ("司法局", "区司法局", "prefix"),
        ("区教育局", None, "none"),
        ("办公室", None, "ambiguous"),
        ("sfj", "区司法局", "initials"),
    ]
    assert sorted(lines[2]["candidates"]) == ["区委办公室", "区政府办公室"]


def test_english_names_abbreviated_or_with_a_word_more_name_their_organ_or_nothing(resolver: Resolver) -> None:
    for typed, unit in (
        ("Publicity Dept", "区委宣传部"),
        ("Dept. of Justice", "区司法局"),
        ("Govt Office", "区政府办公室"),
        ("Emergency Mgmt Bureau", "区应急管理局"),
        ("Party Committee Publicity Department", "区委宣传部"),  # whose it is, said more: still the department
        ("I work at the Justice Dept", "区司法局"),
    ):
        assert resolver.resolve(typed).unit == unit, typed
    # A word more that names another organ: never the unit whose English the rest is (Party Committee Office).
    assert resolver.resolve("Party Committee Publicity and Archives Office").unit is None
