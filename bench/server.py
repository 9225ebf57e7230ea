"""Start and stop a Parley server for a benchmark, and read its memory and CPU."""

from __future__ import annotations

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

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def origin(self) -> str:
        return self.base_url

    def rss_kib(self) -> int | None:
        """VmRSS of the server process in KiB (None when not known)."""
        if self.pid is None:
            return None
        return rss_kib(self.pid)

    def cpu_split(self) -> tuple[float, float]:
        """(user, system) CPU seconds; zeros when the pid is not known."""
        split = None if self.pid is None else cpu_split(self.pid)
        return split or (0.0, 0.0)


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
    cpu: int = 0,
    log_level: str = "warning",
    env_overrides: dict[str, str] | None = None,
    data_root: str | None = None,
    port: int | None = None,
    secret_key: str | None = None,
    ready_path: str = "/api/health",
) -> Server:
    """Start `python -m parley serve` pinned to one core and wait until it answers.

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
    """SIGTERM, then SIGKILL after a grace period; only the process we started."""
    process = server.process
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    if server.owns_data_dir and server.data_dir is not None and not keep_data:
        shutil.rmtree(server.data_dir, ignore_errors=True)
