"""The `duban` command as the office uses it: parse, import, tasks, units; bad files fail cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.cli import main
from storage.db import make_engine
from storage.models import Plan


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the command on a fresh SQLite database in a temporary data directory."""
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DUBAN_DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stored_plans(data_dir: Path) -> int:
    db = data_dir / "duban.db"
    if not db.exists():
        return 0
    with Session(make_engine(f"sqlite:///{db}")) as session:
        return len(session.exec(select(Plan)).all())


def test_parse_json_prints_the_plan(seed_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(seed_path), "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["tasks"]) == 26 and len(data["sections"]) == 8
    assert data["tasks"][18]["lead"] == ["区审计局", "区统计局", "区财政局", "区司法局"]
    assert stored_plans(data_dir) == 0  # parse stores nothing


def test_parse_table_is_readable(seed_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(seed_path))
    assert code == 0
    assert "8 sections, 26 tasks, 24 units" in out
    assert "责任单住 read as 责任单位" in out


def test_import_then_reimport_says_what_changed(
    seed_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "import", str(seed_path))
    assert code == 0 and "26 tasks" in out and "imported" in out
    code, out, _ = run(capsys, "import", str(seed_path))
    assert code == 0 and "unchanged" in out
    revised = data_dir.parent / "revised.txt"
    text = seed_path.read_text(encoding="utf-8")
    revised.write_text(
        text.replace("(牵头单位:区信访局", "(牵头单位:区信访局").replace("区司法局、区信访局", "区信访局"), "utf-8"
    )
    code, out, _ = run(capsys, "import", str(revised))
    assert code == 0 and "revised" in out and "updated: 23" in out


def test_tasks_for_a_unit_marks_roles_and_collectives(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "tasks", "--unit", "统计局", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["unit"] == "区统计局"
    roles = {t["number"]: t["roles"] for t in data["tasks"]}
    assert {"role": "lead", "via": None} in roles[19]
    assert {"role": "responsible", "via": "区政府各部门"} in roles[19]
    assert roles[1] == [{"role": "responsible", "via": "区政府各部门"}]
    # 统计局 has law-enforcement powers: the default directory puts it in 区政府各(相关)行政执法部门.
    assert roles[15] == [{"role": "responsible", "via": "区政府各行政执法部门"}]
    assert roles[13] == [{"role": "lead", "via": "区政府各相关行政执法部门"}]
    code, out, _ = run(capsys, "tasks", "--unit", "信访局", "--json")
    assert 15 not in {t["number"] for t in json.loads(out)["tasks"]}  # 信访局 enforces nothing
    # A Party organ is not reached by 区政府各部门.
    code, out, _ = run(capsys, "tasks", "--unit", "区委宣传部", "--json")
    assert sorted(t["number"] for t in json.loads(out)["tasks"]) == [25, 26]


def test_tasks_for_an_unknown_unit_fails_plainly(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "tasks", "--unit", "区教育局")
    assert code == 1
    assert err.strip() == "duban: error: '区教育局' is not a unit of the plan"


def test_units_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "units", "--json")
    units = {u["name"]: u for u in json.loads(out)}
    assert code == 0 and len(units) == 24
    assert units["区司法局"]["lead"] == 14
    assert units["区政府各部门"]["kind"] == "collective"
    assert units["区委编办"]["kind"] == "non-government"
    assert units["区政府办公室"] == {
        "name": "区政府办公室",
        "kind": "department",
        "lead": 10,
        "responsible": 1,
        "cooperating": 0,
    }


def _bad_files(tmp: Path) -> dict[str, Path]:
    files = {}
    files["missing"] = tmp / "nowhere.txt"
    files["folder"] = tmp / "folder.txt"
    files["folder"].mkdir()
    files["empty"] = tmp / "empty.txt"
    files["empty"].write_bytes(b"")
    files["binary"] = tmp / "binary.txt"
    files["binary"].write_bytes(bytes(range(256)) * 64)
    files["huge"] = tmp / "huge.txt"
    with files["huge"].open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    files["fake_docx"] = tmp / "fake.docx"
    files["fake_docx"].write_bytes(b"this is not a word document" * 100)
    files["zip_docx"] = tmp / "zip.docx"
    with zipfile.ZipFile(files["zip_docx"], "w") as archive:
        archive.writestr("hello.txt", "not a document")
    files["fake_xlsx"] = tmp / "fake.xlsx"
    files["fake_xlsx"].write_bytes(b"PK\x03\x04broken")
    files["no_tasks"] = tmp / "letter.txt"
    files["no_tasks"].write_text("关于召开会议的通知\n\n定于明天上午开会。\n", "utf-8")
    files["doc"] = tmp / "old.doc"
    files["doc"].write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    return files


@pytest.mark.parametrize(
    "kind", ["missing", "folder", "empty", "binary", "huge", "fake_docx", "zip_docx", "fake_xlsx", "no_tasks", "doc"]
)
def test_bad_plan_files_fail_in_one_line_and_store_nothing(
    kind: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad_files(tmp_path)[kind]
    for command in ("parse", "import"):
        code, out, err = run(capsys, command, str(path))
        assert code == 1, (command, out, err)
        assert err.startswith("duban: error: ") and err.count("\n") == 1, err
        assert path.name in err
        assert "Traceback" not in err
    assert stored_plans(data_dir) == 0


def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "DUBAN_DATA_DIR": str(tmp_path)}
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"garbage")
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "import", str(bad)], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.startswith("duban: error: bad.docx is not a Word document")
    assert "Traceback" not in result.stderr


def test_invite_code_from_the_command_line_binds_in_chat(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import asyncio

    from core.context import Context
    from core.messages import Incoming
    from core.settings import Settings
    from core.store import open_store
    from handlers.router import dispatch

    code, out, _ = run(capsys, "invite", "发改局")
    assert code == 0 and out.startswith("区发改委: /start ")
    invite = out.split("/start ")[1].split()[0]
    settings = Settings()
    ctx = Context(store=open_store(settings), settings=settings)
    msg = Incoming(platform="console", chat_id="u1", user_id="u1", text=f"/start {invite}")
    replies = asyncio.run(dispatch(msg, ctx))
    assert "已绑定到“区发改委”" in replies[0].text
    code, _, err = run(capsys, "invite", "教育局")
    assert code == 1 and "not a unit of the plan" in err
