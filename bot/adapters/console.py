"""The local chat console: talk to Duban on a terminal as any user, buttons answered by number."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections import defaultdict
from typing import TextIO

from core.context import Context
from core.messages import Button, Incoming, Reply
from core.texts import fill
from handlers.common import asker, examples
from handlers.router import dispatch

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
        self.buttons: dict[str, list[Button]] = defaultdict(list)
        self.inbox: dict[str, list[Reply]] = defaultdict(list)

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
        flat = [b for row in reply.buttons for b in row]
        if flat and reply.expects_number:  # a typed number is the answer here: offer the words instead
            self.buttons[self.user] = []
            self.write("      （可输入：" + " / ".join(b.label for b in flat) + "）")
        elif flat:
            self.buttons[self.user] = flat
            self.write("      " + "  ".join(f"[{i}] {b.label}" for i, b in enumerate(flat, start=1)))

    def deliver(self, replies: list[Reply]) -> None:
        for reply in replies:
            if reply.platform not in (None, "console"):
                continue  # addressed to another platform's chat: not shown here
            to = reply.chat_id
            if to and to != self.user:
                self.inbox[to].append(reply)
                self.write(f"  (已发给 {to} · sent to {to}; /as {to} 查看)")
            else:
                self.show(reply)

    def switch(self, user: str) -> None:
        self.user = user
        self.write(f"—— 现在是「{user}」 · now {user} ——")
        for reply in self.inbox.pop(user, []):
            self.show(reply)

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
                self.switch(text[4:].strip() or self.user)
                continue
            callback = None
            choices = self.buttons.get(self.user, [])
            if text.strip().isdigit() and 1 <= int(text.strip()) <= len(choices):
                callback = choices[int(text.strip()) - 1].data
                self.buttons[self.user] = []
            msg = self._message("" if callback else text, callback)
            self.deliver(await self.ctx.lanes.off_loop(lambda m=msg: dispatch(m, self.ctx)))  # off the event loop

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
        """Show it now if that user is at the keyboard, else keep it for when one switches to them."""
        self.console.deliver([Reply(**{**reply.__dict__, "chat_id": chat_id, "platform": "console"})])
