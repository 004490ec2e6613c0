"""Several `duban run` processes on one PostgreSQL behind nginx (deploy/nginx/duban.conf), in webhook
mode against the fake Bot API: what the multi-process test and bench/replicas.py start.

The updates are posted as Telegram posts them: JSON, with the secret-token header, to the public
https address (nginx, with a self-signed certificate), or straight to one process to choose which
one answers."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from tests.fakes.telegram_api import TOKEN, FakeTelegram
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
SECRET = "replicas-webhook-secret"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ADMIN = 1


def nginx_config(folder: Path, upstream_ports: list[int], https_port: int, http_port: int) -> Path:
    """deploy/nginx/duban.conf inside a minimal nginx.conf of its own: the upstream servers, the ports and
    a self-signed certificate substituted; everything else as shipped."""
    key, cert = folder / "privkey.pem", folder / "fullchain.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=duban.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    site = (ROOT / "deploy" / "nginx" / "duban.conf").read_text(encoding="utf-8")
    servers = "".join(f"    server 127.0.0.1:{port};\n" for port in upstream_ports)
    site = re.sub(r"(    server 127\.0\.0\.1:\d+;\n)+", servers, site)
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = site.replace("/etc/ssl/duban/fullchain.pem", str(cert)).replace("/etc/ssl/duban/privkey.pem", str(key))
    (folder / "duban.conf").write_text(site, encoding="utf-8")
    for temp in ("client", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / temp).mkdir(exist_ok=True)
    main = folder / "nginx.conf"
    main.write_text(
        f"""worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/client;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/duban.conf;
}}
""",
        encoding="utf-8",
    )
    return main


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        raise RuntimeError("nginx is needed (apt install nginx-light; `make test` installs it)")
    return found


@dataclass
class Cluster:
    """The processes, the proxy, and the fake Telegram they all talk to."""

    fake: FakeTelegram
    public: str  # https://127.0.0.1:PORT/tg/hook through nginx
    backends: list[str]  # http://127.0.0.1:PORT/tg/hook of each process
    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    http: aiohttp.ClientSession | None = None

    def update(self, user: int, text: str) -> dict[str, Any]:
        """An update as Telegram makes it (the fake's own format), not queued for polling."""
        made = self.fake.message(user, text)
        self.fake.updates.remove(made)
        return made

    async def post(self, update: dict[str, Any], to: int | None = None) -> int:
        """Telegram posting an update: through nginx, or straight to process `to`."""
        assert self.http is not None
        url = self.public if to is None else self.backends[to]
        async with self.http.post(url, json=update, headers={SECRET_HEADER: SECRET}, ssl=False) as response:
            return response.status

    async def say(self, user: int, text: str, to: int | None = None, timeout: float = 30.0) -> str:
        """A message and the bot's next message to that chat."""
        before = len(self.fake.sent(user))
        assert await self.post(self.update(user, text), to) == 200
        await self.fake.wait_for(lambda calls: len(self.fake.sent(user)) > before, timeout=timeout)
        return str(self.fake.sent(user)[before].params["text"])

    async def duban(self, *args: str) -> str:
        """A `duban` command on the same database (the fake Telegram keeps answering meanwhile)."""
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0 and "Unclosed" not in done.stderr, done.stderr
        return done.stdout


@contextlib.asynccontextmanager
async def replicas(folder: Path, database_url: str, count: int, **settings: str) -> AsyncIterator[Cluster]:
    """`count` processes of `duban run` on one PostgreSQL behind nginx, up and with their webhooks set."""
    fake = FakeTelegram()
    await fake.start()
    ports = [free_port() for _ in range(count)]
    https_port, http_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_")}
    env.update(
        {
            "DUBAN_DATABASE_URL": database_url,
            "DUBAN_DATA_DIR": str(folder / "data"),
            "DUBAN_TELEGRAM_TOKEN": TOKEN,
            "DUBAN_TELEGRAM_API_URL": fake.url,
            "DUBAN_WEBHOOK_URL": "https://duban.test/tg/hook",
            "DUBAN_WEBHOOK_SECRET": SECRET,
            "DUBAN_ADMINS": str(ADMIN),
            **{f"DUBAN_{k.upper()}": v for k, v in settings.items()},
        }
    )
    cluster = Cluster(
        fake=fake,
        public=f"https://127.0.0.1:{https_port}/tg/hook",
        backends=[f"http://127.0.0.1:{port}/tg/hook" for port in ports],
        env=env,
    )
    logs = [(folder / f"duban-{i}.log").open("wb") for i in range(count)]
    nginx = None
    try:
        for port, log in zip(ports, logs, strict=True):
            cluster.processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "bot.cli", "run"],
                    env={**env, "DUBAN_WEB_PORT": str(port)},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=folder,
                )
            )
        config = nginx_config(folder, ports, https_port, http_port)
        nginx = subprocess.Popen(
            [nginx_binary(), "-p", str(folder), "-c", str(config), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        cluster.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))

        def up(calls: list[Any]) -> bool:
            dead = [p for p in cluster.processes if p.poll() is not None]
            if dead or (nginx is not None and nginx.poll() is not None):
                raise RuntimeError("a process exited at start: " + " | ".join(_tail(folder, count)))
            return fake.counts["setWebhook"] >= count

        await fake.wait_for(up, timeout=180)
        yield cluster
    finally:
        for process in cluster.processes:
            process.send_signal(signal.SIGTERM)
        if nginx is not None:
            nginx.send_signal(signal.SIGQUIT)
        for process in [*cluster.processes, *([nginx] if nginx else [])]:
            try:
                await asyncio.to_thread(process.wait, 30)
            except subprocess.TimeoutExpired:
                process.kill()
        if cluster.http is not None:
            await cluster.http.close()
        for log in logs:
            log.close()
        await fake.stop()


def _tail(folder: Path, count: int) -> list[str]:
    lines = []
    for i in range(count):
        text = (folder / f"duban-{i}.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()
        lines.append(f"process {i}: {text[-1] if text else '(nothing)'}")
    return lines
