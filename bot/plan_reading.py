"""Reading a plan file someone hands us, in a worker process of its own: a .docx or .xlsx is a zip, and a
700 KB one can unzip to gigabytes. The worker runs under a memory limit (RLIMIT_AS), is killed after a
time limit, and refuses a zip whose members add up to more than the unzipped limit before opening it;
the caller gets the parsed plan or a PlanError with one line saying why. The web console awaits the
worker without blocking its event loop, and kills it when its request is cancelled (a shutdown never
waits on a parse); the command line's `duban parse` and `duban import` use the same limits.

Run as `python -m bot.plan_reading FILE UNZIPPED_BYTES MEMORY_BYTES`: the parsed plan, pickled, on
standard output; a PlanError's line on standard error with exit status 2."""

from __future__ import annotations

import asyncio
import contextlib
import pickle
import resource
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from core.settings import Settings
from plan.model import Plan
from plan.parser import describe_error, parse_file
from plan.reader import PlanError

REFUSED = 2  # the worker's exit status for a file it read and refused


@dataclass(frozen=True)
class Limits:
    """What one reading of a plan may take."""

    seconds: float
    memory_bytes: int
    unzipped_bytes: int

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            seconds=settings.upload_seconds,
            memory_bytes=settings.upload_memory_mb * 1024 * 1024,
            unzipped_bytes=settings.upload_unzipped_mb * 1024 * 1024,
        )


def check_unzipped(path: Path, limit: int) -> None:
    """A zipped document (.docx, .xlsx) whose members would unzip past `limit` is refused unopened."""
    if not zipfile.is_zipfile(path):
        return
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PlanError(f"{path.name} is not a readable .docx/.xlsx ({exc})") from None
    if total > limit:
        raise PlanError(
            f"{path.name} unzips to {total / 1048576:.0f} MB; a plan document may unzip to at most "
            f"{limit // 1048576} MB (is it a zip bomb?)"
        )


def _command(path: Path, limits: Limits) -> list[str]:
    return [
        sys.executable,
        "-m",
        "bot.plan_reading",
        str(path),
        str(limits.unzipped_bytes),
        str(limits.memory_bytes),
    ]


def _outcome(path: Path, limits: Limits, status: int | None, out: bytes, err: bytes) -> Plan:
    if status == 0:
        plan = pickle.loads(out)
        assert isinstance(plan, Plan)
        return plan
    line = err.decode("utf-8", "replace").strip().splitlines()
    if status == REFUSED and line:
        raise PlanError(line[-1])
    raise PlanError(
        f"{path.name} could not be read within {limits.memory_bytes // 1048576} MB of memory "
        f"(the reading stopped{': ' + line[-1] if line else ''})"
    )


def _too_slow(path: Path, limits: Limits) -> PlanError:
    return PlanError(f"{path.name} took longer than {limits.seconds:g} s to read and was abandoned")


def read_plan(path: Path, limits: Limits) -> Plan:
    """Parse a plan file in a worker process (for the command line)."""
    try:
        done = subprocess.run(_command(path, limits), capture_output=True, timeout=limits.seconds, check=False)
    except subprocess.TimeoutExpired:
        raise _too_slow(path, limits) from None
    return _outcome(path, limits, done.returncode, done.stdout, done.stderr)


async def read_plan_async(path: Path, limits: Limits) -> Plan:
    """Parse a plan file in a worker process, awaiting it without blocking the event loop; the worker is
    killed when the time is up or the caller is cancelled."""
    worker = await asyncio.create_subprocess_exec(
        *_command(path, limits), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        out, err = await asyncio.wait_for(worker.communicate(), timeout=limits.seconds)
    except TimeoutError:
        raise _too_slow(path, limits) from None
    finally:
        if worker.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                worker.kill()
            with contextlib.suppress(Exception):
                await asyncio.shield(worker.wait())
    return _outcome(path, limits, worker.returncode, out, err)


def _work(argv: list[str]) -> int:
    """The worker: limits on itself first, then the reading."""
    path, unzipped, memory = Path(argv[0]), int(argv[1]), int(argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        check_unzipped(path, unzipped)
        plan = parse_file(path)
    except MemoryError:
        sys.stderr.write(f"{path.name} needs more than {memory // 1048576} MB of memory to read\n")
        return REFUSED
    except Exception as exc:  # one line for the person who gave the file, never a traceback
        sys.stderr.write(describe_error(exc).replace("\n", " ") + "\n")
        return REFUSED
    sys.stdout.buffer.write(pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    sys.exit(_work(sys.argv[1:]))
