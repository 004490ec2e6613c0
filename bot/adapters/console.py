"""The local chat console: talk to Duban on a terminal as any user, buttons answered by number. The numbers
offered are kept in the dialog store (bot/adapters/offers.py): a binding request waiting for the office is
still answered by "1" after a restart, and shown again when one switches to the office."""

from __future__ import annotations

import asyncio
import sys
import threading
from typing import TextIO

from bot.adapters import offers
from core.context import Context
from core.delivery import ChatBusy
from core.messages import Incoming, Reply
from core.texts import fill
from handlers.common import asker, examples
from handlers.router import dispatch
from schedules.outbox import hand_over, keep_for

AWAY_SECONDS = 60.0  # a console user away from the keyboard: the sender looks again this much later

BANNER = (
    "督办 Duban 本地聊天窗口 · local chat console\n"
    "您现在是「{user}」（管理员）。像在聊天软件里一样输入，例如：我的任务是什么、第{eg_task}条、我是{eg_unit}的\n"
    "/as 名字 切换成另一个用户（新用户需绑定单位）；按钮用编号回答；/quit 退出。\n"
)


class Console:
    """One terminal, many pretend users; each user's messages wait until one switches to them."""

    def __init__(self, ctx: Context, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
        self.ctx = ctx
        self.stdin, self.stdout = stdin, stdout
        self.user = ctx.settings.console_user

    def write(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def show(self, reply: Reply) -> None:
        """Print a reply to the current user, numbering its buttons."""
        if reply.notice:
            self.write(f"  ({reply.notice})")
        self.write("督办> " + reply.text.replace("\n", "\n      "))
        if reply.file:
            self.write(f"      [文件 file] {reply.file}")
        flat = offers.buttons_of(reply)
        if flat and reply.expects_number:  # a typed number is the answer here: offer the words instead
            self.write("      （可输入：" + " / ".join(b.label for b in flat) + "）")
        elif flat:
            self.write("      " + "  ".join(f"[{i}] {b.label}" for i, b in enumerate(flat, start=1)))

    async def deliver(self, replies: list[Reply]) -> None:
        """Show replies to the user at the keyboard; the others' wait in the outbox (pending, so a console
        that ends loses none) until one switches to them. The numbers offered go to the dialog store first
        (in a worker thread), for whoever they were offered to."""
        mine = [r for r in replies if r.platform in (None, "console")]  # not another platform's chat
        await self.ctx.lanes.in_thread(self._remember, mine, self.user)
        away = [r for r in mine if r.chat_id and r.chat_id != self.user]
        if away:
            await self.ctx.lanes.in_thread(keep_for, self.ctx, "console", away, AWAY_SECONDS)
        for reply in mine:
            to = reply.chat_id
            if to and to != self.user:
                self.write(f"  (留给 {to} · kept for {to}; /as {to} 查看)")
            else:
                self.show(reply)

    def _remember(self, replies: list[Reply], current: str) -> None:
        for reply in replies:
            to = reply.chat_id or current
            offers.remember(self.ctx, "console", to, to, reply)

    async def switch(self, user: str) -> None:
        self.user = user
        self.write(f"—— 现在是「{user}」 · now {user} ——")
        await self.show_kept()

    async def show_kept(self) -> None:
        """What waits for the user at the keyboard, taken from the outbox and shown (sent only now); with
        nothing there, the choices still open for them."""
        waiting = await self.ctx.lanes.in_thread(hand_over, self.ctx, "console", self.user)
        for reply in waiting:
            self.show(reply)
        if not waiting:
            await self.show_waiting()

    async def show_waiting(self) -> None:
        """The choices still open for the user at the keyboard (offered before a restart, say), shown again."""
        found = await self.ctx.lanes.in_thread(offers.waiting, self.ctx, "console", self.user, self.user)
        if found is not None:
            self.write("  (待您选择 · waiting for your choice)")
            self.write("督办> " + found.text.replace("\n", "\n      "))
            self.write("      " + "  ".join(f"[{i}] {c['label']}" for i, c in enumerate(found.choices, start=1)))

    async def _readline(self) -> str:
        """A line of input, read in a daemon thread: a stop (SIGTERM) need not wait for the next Enter."""
        loop = asyncio.get_running_loop()
        line: asyncio.Future[str] = loop.create_future()

        def read() -> None:
            text = self.stdin.readline()
            loop.call_soon_threadsafe(lambda: line.done() or line.set_result(text))

        threading.Thread(target=read, daemon=True).start()
        return await line

    async def run(self) -> None:
        """Read lines until end of input or /quit."""
        self.write(fill(BANNER, user=self.user, **examples(self.ctx)))  # the plan's own examples
        asker(self._message(""), self.ctx)  # the office's user is known (and an admin) from the start
        await self.show_kept()
        while True:
            self.stdout.write(f"{self.user}> ")
            self.stdout.flush()
            line = await self._readline()
            if not line:
                self.write("")
                return
            text = line.rstrip("\n")
            if text.strip() in ("/quit", "/exit"):
                return
            if text.startswith("/as "):
                await self.switch(text[4:].strip() or self.user)
                continue
            callback = await self.ctx.lanes.in_thread(offers.take, self.ctx, "console", self.user, self.user, text)
            msg = self._message("" if callback else text, callback)
            await self.deliver(await self.ctx.lanes.off_loop(lambda m=msg: dispatch(m, self.ctx)))  # off the event loop

    def _message(self, text: str, callback: str | None = None) -> Incoming:
        return Incoming(
            platform="console",
            chat_id=self.user,
            user_id=self.user,
            user_name=self.user,
            text=text,
            callback=callback,
        )


class ConsoleMessenger:
    """Delivers pushed messages (reminders, timeouts) into the console."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def chat_limits(self, chat_id: str) -> list[tuple[int, float]]:
        """A terminal has no flood control."""
        return []

    async def send(self, chat_id: str, reply: Reply) -> None:
        """Show it now if that user is at the keyboard; else it is not delivered: it stays pending in the
        outbox, handed over when one switches to that user (Console.show_kept), in this session or a later one."""
        if chat_id != self.console.user:
            raise ChatBusy(AWAY_SECONDS)
        await self.console.deliver([Reply(**{**reply.__dict__, "chat_id": chat_id, "platform": "console"})])
