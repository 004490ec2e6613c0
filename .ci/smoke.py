"""What an office sees after `pip install duban-….whl`, run from a folder outside the source tree.

Run by `.ci/wheel-smoke` with the fresh environment's Python. Each check prints one line; the first
failure names what is missing and exits 1. The checks: every file of every package in the source tree
is in the installed package (a data file left out of the wheel fails here, whatever reads it); the
version; a plan parsed; questions asked and answered; a console conversation; the web console's sign-in
page and a one-time link; the ledger written.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

PACKAGES = ("bot", "core", "handlers", "plan", "storage", "schedules", "ledger")


class SmokeError(Exception):
    """A check that failed: what the office would have met."""


def duban(venv: Path, *args: str, env: dict[str, str], stdin: str | None = None, timeout: float = 120) -> str:
    """Run the installed `duban`; its standard output, or SmokeError with its standard error."""
    done = subprocess.run(
        [str(venv / "bin" / "duban"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise SmokeError(f"duban {' '.join(args)} exited {done.returncode}: {done.stderr.strip()[-400:]}")
    return done.stdout


def installed_root(venv: Path) -> Path:
    """The site-packages folder the wheel was installed into, checked to be the venv's, not the source's."""
    code = "import bot, pathlib; print(pathlib.Path(bot.__file__).resolve().parent.parent)"
    out = subprocess.run([str(venv / "bin" / "python"), "-c", code], capture_output=True, text=True, check=True)
    root = Path(out.stdout.strip())
    if venv.resolve() not in root.parents:
        raise SmokeError(f"`import bot` found {root}, not the installed wheel in {venv}")
    return root


def check_files(source: Path, root: Path) -> int:
    """Every file git has under each package is installed: the code may open any of them."""
    listed = subprocess.run(
        ["git", "-C", str(source), "ls-files", "--cached", "--others", "--exclude-standard", *PACKAGES],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    files = [f for f in listed if f and (source / f).is_file()]
    missing = [f for f in files if not (root / f).is_file()]
    if missing:
        raise SmokeError(f"{len(missing)} file(s) of the source are not in the wheel: {', '.join(missing[:8])}")
    return len(files)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BROWSER = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))


def get(url: str) -> tuple[int, str]:
    """A GET as a browser makes it: cookies kept, redirects followed."""
    try:
        with BROWSER.open(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def check_web(venv: Path, env: dict[str, str]) -> str:
    """`duban web` serves the sign-in page; a link from `duban web-login` signs in to the overview."""
    port = free_port()
    web_env = {**env, "DUBAN_WEB_PORT": str(port), "DUBAN_WEB_URL": f"http://127.0.0.1:{port}"}
    server = subprocess.Popen(
        [str(venv / "bin" / "duban"), "web"], env=web_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, page = get(f"http://127.0.0.1:{port}/desk/")
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SmokeError(f"duban web did not serve on {port}: {server.stdout.read()[-400:]}") from None
                time.sleep(0.3)
        if "duban web-login" not in page:
            raise SmokeError(f"/desk/ without a session is not the sign-in page ({status}): {page[:200]}")
        link = duban(venv, "web-login", env=web_env).strip().split()[-1]
        status, page = get(link)
        if status != 200 or "督办台" not in page:
            raise SmokeError(f"the sign-in link {link} gave {status}: {page[:200]}")
        return f"sign-in page, then a link signed in ({len(page)} bytes)"
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--venv", type=Path, required=True)
    parser.add_argument("--source", type=Path, required=True)
    args = parser.parse_args()
    venv = args.venv
    here = Path(tempfile.mkdtemp(prefix="duban-smoke-"))
    env = {**os.environ, "DUBAN_DATA_DIR": str(here / "data"), "DUBAN_WEB_CONSOLE": "false"}
    env.pop("DUBAN_DATABASE_URL", None)
    checks = []
    try:
        root = installed_root(venv)
        checks.append(("files", f"{check_files(args.source, root)} package files installed in {root}"))
        checks.append(("version", duban(venv, "--version", env=env).strip()))
        plan_file = root / "plan" / "data" / "bundled-plan.txt"
        parsed = json.loads(duban(venv, "parse", str(plan_file), "--json", env=env))
        if len(parsed["tasks"]) < 10:
            raise SmokeError(f"the bundled plan parsed into {len(parsed['tasks'])} tasks")
        checks.append(("parse", f"{len(parsed['tasks'])} tasks in {parsed['title']}"))
        unit = json.loads(duban(venv, "units", "--json", env=env))[0]["name"]
        mine = json.loads(duban(venv, "ask", "我的任务", "--as", unit, "--json", env=env))
        if mine["intent"] != "my_tasks" or not mine["reply"]:
            raise SmokeError(f"我的任务 as {unit} was read as {mine}")
        first = parsed["tasks"][0]
        lead = json.loads(duban(venv, "ask", "第1条谁牵头", "--json", env=env))
        if first["lead"][0] not in lead["reply"]:
            raise SmokeError(f"第1条谁牵头 answered {lead['reply']!r}")
        checks.append(("ask", f"我的任务 ({unit}): {mine['reply'][:40]} / 第1条谁牵头: {lead['reply'][:40]}"))
        talk = duban(venv, "run", env=env, stdin="第1条\n/quit\n", timeout=120)
        if first["title"] not in talk:
            raise SmokeError(f"the console did not answer 第1条: {talk[-400:]}")
        checks.append(("console", f"第1条 answered in the chat console ({len(talk)} characters)"))
        checks.append(("web", check_web(venv, env)))
        ledger = here / "台账.xlsx"
        duban(venv, "ledger", "--out", str(ledger), env=env)
        from_openpyxl = subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-c",
                f"import openpyxl; print(openpyxl.load_workbook({str(ledger)!r}).sheetnames)",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        checks.append(("ledger", f"{ledger.name} with sheets {from_openpyxl}"))
    except (SmokeError, subprocess.SubprocessError, KeyError, ValueError, IndexError) as exc:
        for name, line in checks:
            print(f"wheel-smoke: ok   {name}: {line}")
        print(f"wheel-smoke: FAIL {exc}", file=sys.stderr)
        return 1
    for name, line in checks:
        print(f"wheel-smoke: ok   {name}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
