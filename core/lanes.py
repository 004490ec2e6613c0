"""One unit of work per update, off the event loop, one chat at a time.

Each chat is a lane: its updates are worked on in the order they arrived, and a later one starts only
when the one before it is done; other chats' lanes never wait on it. The work itself (everything that
reads or writes the database, builds a ledger, imports a plan) runs in a worker thread with an event
loop of its own, so the loop that takes updates, answers webhooks and sends replies never waits on a
database lock or on CPU work. Modelled on aiogram, which loads each update's state under a per-chat
lock, and on a thread per unit of work (SQLAlchemy's sessions are synchronous)."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import logging
import multiprocessing
import threading
from collections.abc import Awaitable, Callable, Hashable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy import Engine, event

from core.settings import Settings

T = TypeVar("T")
logger = logging.getLogger(__name__)

WORKERS = 32  # units of work at once: those waiting on a database lock must not hold up the rest
CPU_SLOTS = 2  # of those, how many run Python at once (one per core of the machine it was measured on)
PROCESSES = 1  # worker processes for CPU-heavy work (a ledger, a plan's import): rare, each a second or two
PRELOAD = ["ledger.export", "core.store"]  # imported once by the fork server, not by each worker
OUTSIDE = -2  # a thread's slot state inside Lanes.waiting(): given up for a wait that runs no Python


class Lanes:
    """Per-chat order on the event loop, and worker threads for the work."""

    def __init__(self, workers: int = WORKERS, cpu: int = CPU_SLOTS) -> None:
        self.executor = ThreadPoolExecutor(workers, thread_name_prefix="duban-work")
        self.tails: dict[Hashable, asyncio.Future[None]] = {}
        self._local = threading.local()
        # Python runs one thread at a time (the GIL), and hands it over in turns of 5 ms to whichever thread
        # the system wakes: with 32 threads busy, the event loop's thread waited its turn up to 2 s. So only
        # `cpu` units of work run Python at once; one waiting on the database gives its slot up meanwhile.
        self.cpu = threading.BoundedSemaphore(cpu)
        self._watched: set[int] = set()
        self.warming: asyncio.Future[None] | None = None  # the worker process being readied (bot/run.py)

    def watch(self, engine: Engine) -> None:
        """Give the slot up while a statement waits on the database (a lock held elsewhere, the network)."""
        if id(engine) in self._watched:
            return
        self._watched.add(id(engine))
        event.listen(engine, "before_cursor_execute", lambda *args, **kwargs: self._give())
        event.listen(engine, "after_cursor_execute", lambda *args, **kwargs: self._take_back())
        event.listen(engine, "handle_error", lambda context: self._take_back())

    def _give(self) -> None:
        if getattr(self._local, "slot", 0) == 1:
            self._local.slot = -1  # given up for the statement, to be taken back after it
            self.cpu.release()

    def _take_back(self) -> None:
        if getattr(self._local, "slot", 0) == -1:
            self.cpu.acquire()
            self._local.slot = 1

    @contextlib.contextmanager
    def waiting(self) -> Iterator[None]:
        """In a unit of work, a wait that runs no Python (the network, a worker process): the slot is given
        up for it, as for a database statement, and taken back after. Anywhere else it does nothing."""
        if getattr(self._local, "slot", 0) != 1:
            yield
            return
        self._local.slot = OUTSIDE  # statements inside the wait neither give nor take the slot
        self.cpu.release()
        try:
            yield
        finally:
            self.cpu.acquire()
            self._local.slot = 1

    @contextlib.contextmanager
    def _slot(self) -> Iterator[None]:
        self.cpu.acquire()
        self._local.slot = 1
        try:
            yield
        finally:
            if self._local.slot == 1:
                self.cpu.release()
            self._local.slot = 0

    def start(self) -> None:
        """Start every worker thread now, before the first update: a thread started on demand makes the
        event loop wait until it runs, which under load took tens of milliseconds."""
        workers = self.executor._max_workers
        everyone = threading.Barrier(workers)
        waits = [self.executor.submit(everyone.wait, 5.0) for _ in range(workers)]
        for wait in waits:
            with contextlib.suppress(threading.BrokenBarrierError):
                wait.result()

    def busy(self, key: Hashable) -> bool:
        """Whether a chat has work in its lane."""
        return key in self.tails

    async def run(self, key: Hashable, work: Callable[[], Awaitable[T]]) -> T:
        """Do `work` (a coroutine on this loop) after the work that came before it in the same lane.
        The place in the lane is taken when this is called, before any wait: arrival order is kept."""
        loop = asyncio.get_running_loop()
        before = self.tails.get(key)
        done: asyncio.Future[None] = loop.create_future()
        self.tails[key] = done
        try:
            if before is not None:
                with contextlib.suppress(BaseException):
                    await asyncio.shield(before)
            return await work()
        finally:
            done.set_result(None)
            if self.tails.get(key) is done:
                del self.tails[key]

    async def off_loop(self, work: Callable[[], Awaitable[T]]) -> T:
        """Run a coroutine in a worker thread, on that thread's own event loop; its result here."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, self._drive, work)

    async def in_process(self, call: Callable[..., T], *args: object, **kwargs: object) -> T:
        """A CPU-heavy function (a ledger's workbook and chart, a plan's import) in a worker process: a
        thread running it would hold the GIL the event loop needs, for a second and more, in 5 ms turns
        the loop had to win. `call` and its arguments are pickled; it opens the database itself. Awaited
        from a unit of work, the CPU slot is given up meanwhile."""
        with self.waiting():
            work = functools.partial(call, *args, **kwargs)
            # Handed over from a thread: the first hand-over starts the fork server and waits for its worker.
            handed = await asyncio.get_running_loop().run_in_executor(None, processes().submit, work)
            return await asyncio.wrap_future(handed)

    async def in_thread(self, call: Callable[..., T], *args: object) -> T:
        """A plain function (a database look-up or write) in a worker thread; its result here."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, self._plain, call, args)

    def _plain(self, call: Callable[..., T], args: tuple[object, ...]) -> T:
        with self._slot():
            return call(*args)

    def _drive(self, work: Callable[[], Awaitable[T]]) -> T:
        loop: asyncio.AbstractEventLoop | None = getattr(self._local, "loop", None)
        if loop is None or loop.is_closed():
            loop = self._local.loop = asyncio.new_event_loop()
        with self._slot():
            return loop.run_until_complete(work())  # type: ignore[arg-type]

    def close(self) -> None:
        """Let the work in flight finish, take no more."""
        self.executor.shutdown(wait=True, cancel_futures=True)


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def processes() -> ProcessPoolExecutor:
    """The process-wide pool of worker processes, started at its first use. Workers come from a fork
    server (started clean, not forked from a process running threads and an event loop)."""
    global _pool
    with _pool_lock:
        if _pool is None or getattr(_pool, "_broken", False):  # a worker killed (out of memory): start anew
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _pool = ProcessPoolExecutor(PROCESSES, mp_context=context)
            atexit.register(_pool.shutdown, wait=True, cancel_futures=True)
        return _pool


def warm(settings: Settings) -> None:
    """Ready the worker process for its first piece of work: the fork server started (its modules
    imported), a worker forked, the database attached (see core.store.attached_store)."""
    try:
        processes().submit(_ready, settings).result()
    except Exception:  # it is started again by the first piece of work, which then says what failed
        logger.warning("the worker process for ledgers and imports could not be readied", exc_info=True)


def _ready(settings: Settings) -> None:
    from core.store import attached_store

    attached_store(settings).view()


def from_any_thread(call: Callable[[], None]) -> Callable[[], None]:
    """`call` made safe to call from a worker thread: it runs on the event loop running now (a wake-up
    of the outbox sender, whose asyncio.Event belongs to this loop)."""
    loop = asyncio.get_running_loop()

    def threadsafe() -> None:
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            call()
        elif not loop.is_closed():
            loop.call_soon_threadsafe(call)

    return threadsafe
