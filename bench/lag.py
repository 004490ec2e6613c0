"""How long the event loop stalls, told apart from how long the machine made Duban wait.

A watcher sleeps 5 ms at a time on the loop and records how late it wakes: that lateness is what every
chat, webhook and page waits. On a shared machine part of it is nobody's code: the loop's thread was
ready to run and the system ran other processes (load 10 on 2 cores). Linux counts that time per thread
(/proc/self/task/TID/schedstat, its second field: time spent runnable, waiting for a CPU). A stall of
ours is the lateness less that wait: the loop's own, and that of the one thread that waited longest
meanwhile (it may have held the GIL the loop was waiting for). A loop blocked on a database lock, on
a file, or on the GIL held by a running thread is waiting on nothing the machine owes it, so it counts
in full. Where schedstat is missing, nothing is excused. Used by bench/loop.py and tests/test_lanes.py."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from dataclasses import dataclass, field

TICK = 0.005
RESCAN = 0.1  # how often the list of threads is read again


class Queued:
    """Each thread's time spent waiting for a CPU, in seconds, read from open files (a read costs µs)."""

    def __init__(self) -> None:
        self.files: dict[int, int] = {}
        self.works = os.path.exists("/proc/thread-self/schedstat")
        self.rescan()

    def rescan(self) -> None:
        if not self.works:
            return
        try:
            now = {int(t) for t in os.listdir("/proc/self/task")}
        except OSError:
            return
        for gone in set(self.files) - now:
            os.close(self.files.pop(gone))
        for tid in now - set(self.files):
            with contextlib.suppress(OSError):
                self.files[tid] = os.open(f"/proc/self/task/{tid}/schedstat", os.O_RDONLY)

    def read(self) -> dict[int, float]:
        found: dict[int, float] = {}
        for tid, fd in self.files.items():
            with contextlib.suppress(OSError, ValueError, IndexError):
                found[tid] = int(os.pread(fd, 128, 0).split()[1]) / 1e9
        return found

    def close(self) -> None:
        for fd in self.files.values():
            os.close(fd)
        self.files.clear()


def excused(before: dict[int, float], after: dict[int, float], loop_thread: int) -> float:
    """Of the time between two readings, what the machine owes: the loop thread's wait for a CPU, and
    the longest wait of any other thread."""
    waits = {tid: value - before.get(tid, value) for tid, value in after.items()}
    own = waits.pop(loop_thread, 0.0)
    return own + max(waits.values(), default=0.0)


@dataclass
class LoopLag:
    """The loop's stalls while it runs: `worst` as seen, `worst_ours` less what the machine owes."""

    worst: float = 0.0
    worst_ours: float = 0.0
    looks: int = 0
    over: dict[float, int] = field(default_factory=lambda: {0.05: 0, 0.1: 0})  # stalls of ours over each
    task: asyncio.Task[None] | None = None
    queued: Queued | None = None
    loop_thread: int = 0

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        self.loop_thread = threading.get_native_id()
        queued = self.queued = Queued()
        scanned = loop.time()
        try:
            while True:
                before, waited = loop.time(), queued.read()
                await asyncio.sleep(TICK)
                late = max(0.0, loop.time() - before - TICK)
                ours = max(0.0, late - excused(waited, queued.read(), self.loop_thread)) if late > 0.01 else late
                self.looks += 1
                self.worst, self.worst_ours = max(self.worst, late), max(self.worst_ours, ours)
                for limit in self.over:
                    self.over[limit] += ours > limit
                if loop.time() - scanned > RESCAN:
                    queued.rescan()
                    scanned = loop.time()
        finally:
            queued.close()

    def start(self) -> LoopLag:
        self.task = asyncio.get_running_loop().create_task(self._watch())
        return self

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    def __enter__(self) -> LoopLag:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        if self.task is not None:
            self.task.cancel()

    def reading(self) -> dict[int, float]:
        """Every thread's wait for a CPU so far (for `machine_owes`)."""
        return self.queued.read() if self.queued is not None else {}

    def machine_owes(self, since: dict[int, float]) -> float:
        """How much of the time since `since` was taken was the machine's (see `excused`)."""
        return excused(since, self.reading(), self.loop_thread) if since else 0.0
