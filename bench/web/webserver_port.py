"""A free TCP port on 127.0.0.1 for the benchmark's server."""

from __future__ import annotations

import socket


def free_port() -> int:
    """Binds port 0 and returns the port the system chose."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
