"""Start and stop a Parley server for a benchmark, and read its memory and CPU."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / "backend" / ".venv" / "bin" / "python"
HOST = "127.0.0.1"  # the benchmark never targets anything but loopback
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    """A running server: where it listens and how to mint tokens and reach its database."""

    port: int
    secret_key: str
    database_url: str  # plain driver URL (sqlite:///… or postgresql://…)
    pid: int | None = None
    process: subprocess.Popen[bytes] | None = None
    data_dir: Path | None = None
    owns_data_dir: bool = False
    log_path: Path | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # Processes started by `pid` (PARLEY_WORKERS > 1: the uvicorn workers and
    # multiprocessing's resource tracker); their memory and CPU are the server's too.
    children: list[int] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def origin(self) -> str:
        return self.base_url

    def rss_kib(self) -> int | None:
        """VmRSS of the server process (and its children) in KiB (None when not known)."""
        if self.pid is None:
            return None
        own = rss_kib(self.pid)
        if own is None:
            return None
        return own + sum(rss_kib(child) or 0 for child in self.children)

    def cpu_split(self) -> tuple[float, float]:
        """(user, system) CPU seconds of the process and its children (live ones: the
        kernel adds a child's time to its parent's only once it has been reaped)."""
        if self.pid is None:
            return 0.0, 0.0
        splits = [cpu_split(pid) or (0.0, 0.0) for pid in (self.pid, *self.children)]
        return sum(s[0] for s in splits), sum(s[1] for s in splits)


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_split(pid: int) -> tuple[float, float] | None:
    """(user, system) CPU seconds from /proc/<pid>/stat (fields 14 and 15).

    The system share matters on loopback: the kernel runs the receiving side of TCP in
    the sender's context, so part of the clients' network work lands on the server.
    """
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may contain spaces: the fields start after its closing paren.
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[11]) / CLOCK_TICKS, int(fields[12]) / CLOCK_TICKS


def child_pids(parent: int) -> list[int]:
    """Processes whose parent is `parent`, from /proc/<pid>/stat (field 4)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                raw = (entry / "stat").read_text()
            except OSError:
                continue  # exited meanwhile
            if int(raw[raw.rindex(")") + 2 :].split()[1]) == parent:
                found.append(int(entry.name))
    return sorted(found)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def is_spawned_worker(pid: int) -> bool:
    """A multiprocessing "spawn" child (a uvicorn worker), not the resource tracker."""
    return b"spawn_main" in _cmdline(pid)


def _is_multiprocessing_child(pid: int) -> bool:
    return b"from multiprocessing." in _cmdline(pid)


def connection_owners(server_port: int, pids: list[int]) -> dict[int, int]:
    """client port -> pid holding the server end of each TCP connection to server_port.

    Workers share one listening socket and the kernel gives each connection to one of
    them: its /proc/net/tcp entry names the socket's inode, and one worker has that
    inode among its file descriptors.
    """
    inode_to_client: dict[int, int] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == server_port:
                inode_to_client[int(fields[9])] = int(fields[2].rsplit(":", 1)[1], 16)
    owners: dict[int, int] = {}
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                client = inode_to_client.get(int(target[8:-1]))
                if client is not None:
                    owners[client] = pid
    return owners


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def code_identity(tree: Path | None) -> dict[str, str | int]:
    """Which server code ran: a snapshot's revision, or HEAD plus the uncommitted state.

    The working tree may be edited while benchmarks run, so every report names its code.
    """
    if tree is not None:
        return {"snapshot": str(tree), "rev": (tree / "REVISION").read_text().strip()}
    head = _git("rev-parse", "HEAD").strip()
    dirty = _git("status", "--porcelain", "--", "backend", "migrations").splitlines()
    diff = _git("diff", "HEAD", "--", "backend", "migrations")
    return {
        "working_tree_head": head,
        "dirty_files": len(dirty),
        "diff_sha1": hashlib.sha1(diff.encode()).hexdigest()[:12],  # noqa: S324 (an id)
    }


def snapshot(rev: str) -> Path:
    """Extract the server code of a git revision to a temporary dir (git archive: the
    working tree and the index are left alone). Its parley package, migrations and
    alembic.ini sit where settings.REPO_ROOT expects them."""
    commit = _git("rev-parse", "--verify", f"{rev}^{{commit}}").strip()
    root = Path(tempfile.mkdtemp(prefix=f"parley-src-{commit[:8]}-"))
    archive = subprocess.run(  # noqa: S603
        ["git", "-C", str(REPO), "archive", commit, "backend/parley", "migrations", "alembic.ini"],  # noqa: S607
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)  # noqa: S603, S607
    (root / "REVISION").write_text(commit + "\n")
    return root


def _git(*args: str) -> str:
    return subprocess.run(  # noqa: S603
        ["git", "-C", str(REPO), *args],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def spawn(
    *,
    tree: Path | None = None,
    database_url: str | None = None,
    cpu: int | str = 0,
    log_level: str = "warning",
    env_overrides: dict[str, str] | None = None,
    data_root: str | None = None,
    port: int | None = None,
    secret_key: str | None = None,
    ready_path: str = "/api/health",
) -> Server:
    """Start `python -m parley serve` pinned to `cpu` (a taskset list such as "0,1";
    workers inherit it) and wait until it answers.

    SQLite (the embedded default) lives in a fresh temporary data dir; a PostgreSQL URL
    is used as given (the caller creates the database). `data_root` (e.g. /dev/shm)
    takes the SQLite file off the disk, to tell fsync stalls from the server's own.
    `tree` is a snapshot() root to run instead of the working tree: `python -m` puts the
    cwd first on sys.path, ahead of the editable install. Several instances of one
    deployment share `secret_key`; `ready_path` "/api/ready" also waits for the database
    (and the broker).
    """
    data_dir = Path(tempfile.mkdtemp(prefix="parley-bench-", dir=data_root))
    port = port or free_port()
    key = secret_key or secrets.token_urlsafe(32)
    plain_url = database_url or f"sqlite:///{data_dir / 'parley.db'}"
    env = {
        **os.environ,
        "PARLEY_DATA_DIR": str(data_dir),
        "PARLEY_PORT": str(port),
        "PARLEY_HOST": HOST,
        "PARLEY_SECRET_KEY": key,
        "PARLEY_LOG_LEVEL": log_level,
        "PARLEY_ALLOWED_ORIGINS": f'["http://{HOST}:{port}"]',
        # The benchmark measures the server, not its anti-abuse limits.
        "PARLEY_SEND_RATE_LIMIT": "1000000 per second",
        "PARLEY_LOGIN_RATE_LIMIT": "1000000 per second",
        "PARLEY_STATIC_DIR": str(data_dir / "no-spa"),
    }
    if database_url:
        env["PARLEY_DATABASE_URL"] = database_url
    env.update(env_overrides or {})
    log_path = data_dir / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
            ["taskset", "-c", str(cpu), str(PYTHON), "-m", "parley", "serve"],  # noqa: S607
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=(tree or REPO) / "backend",
        )
    # taskset execs the interpreter, so the Popen pid is the server's pid.
    server = Server(
        port=port,
        secret_key=key,
        database_url=plain_url,
        pid=process.pid,
        process=process,
        data_dir=data_dir,
        owns_data_dir=True,
        log_path=log_path,
    )
    try:
        wait_ready(server, path=ready_path)
    except BaseException:
        # The temporary dir (and its log) goes with stop(): show why it failed first.
        print(log_path.read_text(errors="replace")[-4000:], file=sys.stderr)
        stop(server)
        raise
    return server


def wait_ready(server: Server, timeout: float = 60.0, path: str = "/api/health") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process is not None and server.process.poll() is not None:
            raise RuntimeError(f"server exited early; see {server.log_path}")
        try:
            if httpx.get(f"{server.base_url}{path}", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"server not ready after {timeout}s; see {server.log_path}")


def stop(server: Server, *, keep_data: bool = False) -> None:
    """SIGTERM, then SIGKILL after a grace period; only the process we started (and
    the children it started, if it could not stop them itself)."""
    process = server.process
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
            # Killed, the parent could not stop its workers: they would keep the port.
            for child in server.children:
                if _is_multiprocessing_child(child):  # still ours, not a reused pid
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(child, signal.SIGKILL)
    if server.owns_data_dir and server.data_dir is not None and not keep_data:
        shutil.rmtree(server.data_dir, ignore_errors=True)
