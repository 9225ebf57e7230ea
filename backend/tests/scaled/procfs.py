"""Which process holds the server side of a TCP connection, read from /proc (Linux).

With several uvicorn workers sharing one listening socket, the kernel hands each new
connection to one of them; the product does not say which, and should not have to.
The kernel does: the connection's entry in /proc/net/tcp names its socket inode, and
exactly one process has that inode among its file descriptors.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")
TCP_TABLES = (PROC / "net" / "tcp", PROC / "net" / "tcp6")


def worker_pids(parent: int) -> list[int]:
    """Children of `parent` that multiprocessing spawned (not its resource tracker)."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # exited meanwhile
        # Fields after the command name (which may hold spaces): state, then ppid.
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        if ppid == parent and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return sorted(found)


def _server_side_inode(server_port: int, client_port: int) -> int | None:
    for table in TCP_TABLES:
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            remote_port = int(fields[2].rsplit(":", 1)[1], 16)
            if local_port == server_port and remote_port == client_port:
                return int(fields[9])
    return None


def _socket_inodes(pid: int) -> set[int]:
    inodes = set()
    for fd in (PROC / str(pid) / "fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[len("socket:[") : -1]))
    return inodes


def connection_owner(server_port: int, client_port: int, candidates: list[int]) -> int:
    """The pid among `candidates` holding the server end of client_port → server_port."""
    inode = _server_side_inode(server_port, client_port)
    assert inode is not None, f"no TCP connection from :{client_port} to :{server_port}"
    owners = [pid for pid in candidates if inode in _socket_inodes(pid)]
    assert len(owners) == 1, f"socket {inode} held by {owners} among {candidates}"
    return owners[0]
