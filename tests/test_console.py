"""The local chat console that `duban run` opens without a platform token (the README's first command)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def converse(tmp_path: Path, *lines: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_")}
    env["DUBAN_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_console_runs_on_the_bundled_plan_and_switches_users(tmp_path: Path) -> None:
    out = converse(
        tmp_path,
        "第15条谁牵头",
        "/as 张三",
        "我的任务是什么",
        "我是统计局的",
        "1",
        "/as office",
        "1",
        "/as 张三",
        "我的任务",
        "1",
        "/quit",
    )
    assert "本地聊天窗口" in out
    assert "第15条由 区司法局 牵头。" in out
    assert "您还没有绑定单位" in out
    assert "您是指“区统计局”吗？" in out and "[1] 是  [2] 不是" in out
    assert "张三（console:张三） 申请绑定到“区统计局”。" in out and "[1] 通过  [2] 拒绝" in out
    assert "管理员已确认：您已绑定到“区统计局”" in out
    assert "“区统计局”的任务，共25条：" in out and "第19条 加强行政监督" in out
    assert "第2/3页" in out  # the page button answered by its number


def test_console_ends_cleanly_at_end_of_input(tmp_path: Path) -> None:
    out = converse(tmp_path, "/help")
    assert "我是督办助手" in out and "东河区2021年度法治政府建设工作计划" in out


def test_console_takes_a_typed_figure_as_the_answer_not_a_button(tmp_path: Path) -> None:
    out = converse(tmp_path, "我是司法局的", "1", "汇报进展", "17", "推进中", "培训了两次", "2", "跳过", "确认")
    assert "（可输入：跳过 / 取消）" in out  # the figure step offers words, not numbered buttons
    assert "完成数：2" in out and "已保存。第17条“区司法局”的最新状态：推进中。" in out


def test_a_message_for_a_user_away_from_the_keyboard_survives_the_console_ending(tmp_path: Path) -> None:
    """QA finding 18: a reply to another user was marked sent while kept only in the console's memory."""
    first = converse(tmp_path, "/as 张三", "我是统计局的", "1", "/quit")
    assert "张三（console:张三） 申请绑定到“区统计局”" not in first  # the office was not at the keyboard
    later = converse(tmp_path, "/as office", "1", "/quit")  # another session: the request is still there
    assert "张三（console:张三） 申请绑定到“区统计局”。" in later and "[1] 通过  [2] 拒绝" in later
    told = converse(tmp_path, "/as 张三", "/quit")
    assert "管理员已确认：您已绑定到“区统计局”" in told
