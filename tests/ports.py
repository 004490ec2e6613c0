"""A port for a server a test starts on a fixed port (Duban's web server, its webhook)."""

from __future__ import annotations

import random
import socket

# Below Linux's ephemeral range (32768-60999): a server bound to port 0 meanwhile (the fake Bot API,
# the fake WeCom) is never given the port between the probe and the bind.
LOW, HIGH = 20_000, 32_000


def free_port() -> int:
    """A port on 127.0.0.1 that nobody listens on, outside the range the kernel hands out."""
    for _ in range(200):
        port = random.randint(LOW, HIGH)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below the ephemeral range")
