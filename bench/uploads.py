"""The `uploads` scenario: upload throughput, thumbnail jobs/s and RSS while streaming.

Run through the load generator (`python -m bench.loadgen uploads --spawn ...`), so the
server is spawned, pinned and reported like every other scenario. Three parts:

- throughput: N uploads of each size, one at a time and `--parallel` at a time, timed
  from the first request to the last 202; the files are real ZIPs (ZIP_STORED, random
  content) because the server sniffs the type and refuses unknown bytes with 415;
- thumbnails: K distinct 2000x1500 JPEGs, from the first 202 until every upload is
  `ready`, as seen on a WebSocket authenticated as the uploader (`upload` frames);
- memory: one file just under PARLEY_MAX_UPLOAD_MB while a thread samples the server's
  VmRSS every 10 ms: a streamed upload leaves the peak near the idle RSS.

Test files are generated once into a cache dir (`--cache-dir`) and reused.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import random
import threading
import time
import zipfile
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from PIL import Image

from . import seed
from .loadgen import Cpu, describe
from .server import HOST, Server
from .stats import latency_summary_ms, print_report
from .wsclient import open_client

MIB = 1024 * 1024
# The default PARLEY_MAX_UPLOAD_MB is 25; the ZIP's headers add ~150 bytes to the payload.
MAX_UPLOAD_MB = 25
RSS_SAMPLE_SECONDS = 0.01
READY_LIMIT_SECONDS = 600.0  # every wait is bounded


# -- test files ----------------------------------------------------------------------
def zip_of_random(cache: Path, size: int, index: int = 0) -> Path:
    """A valid ZIP of about `size` bytes: one stored (uncompressed) member of random data."""
    path = cache / f"random-{size}-{index}.zip"
    if path.exists():
        return path
    rng = random.Random(size * 1000 + index)  # noqa: S311 (test data, not secrets)
    payload = rng.randbytes(size - 200)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("random.bin", payload)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.rename(path)
    return path


def photo_like_jpeg(cache: Path, width: int, height: int, index: int) -> Path:
    """A smooth, photo-sized JPEG: random 40x30 pixels scaled up bicubically, q=90."""
    path = cache / f"photo-{width}x{height}-{index}.jpg"
    if path.exists():
        return path
    rng = random.Random(index)  # noqa: S311
    small = Image.frombytes("RGB", (40, 30), rng.randbytes(40 * 30 * 3))
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    tmp = path.with_suffix(".tmp")
    image.save(tmp, format="JPEG", quality=90)
    tmp.rename(path)
    return path


# -- uploading -----------------------------------------------------------------------
@dataclass
class Uploader:
    server: Server
    token: str
    room_id: int
    client: httpx.AsyncClient

    async def upload(self, name: str, data: bytes, mime: str) -> tuple[dict[str, Any], int]:
        """POST one file; returns the upload and the request's duration in ns."""
        begun = time.monotonic_ns()
        response = await self.client.post(
            f"/api/rooms/{self.room_id}/uploads", files={"file": (name, data, mime)}
        )
        took = time.monotonic_ns() - begun
        if response.status_code != 202:
            raise RuntimeError(f"upload {name}: {response.status_code} {response.text[:200]}")
        return response.json(), took


async def upload_many(
    uploader: Uploader, files: list[tuple[str, bytes, str]], parallel: int
) -> tuple[list[dict[str, Any]], array[int], float, float]:
    """Upload with at most `parallel` requests in flight.

    Returns the uploads, per-request ns, the wall time from the first request to the
    last 202, and the monotonic time of the first 202.
    """
    gate = asyncio.Semaphore(parallel)
    timings = array("q")
    first_accepted: list[float] = []

    async def one(name: str, data: bytes, mime: str) -> dict[str, Any]:
        async with gate:
            upload, took = await uploader.upload(name, data, mime)
            timings.append(took)
            if not first_accepted:
                first_accepted.append(time.monotonic())
            return upload

    started = time.monotonic()
    uploads = await asyncio.gather(*(one(*f) for f in files))
    return list(uploads), timings, time.monotonic() - started, first_accepted[0]


async def throughput(
    uploader: Uploader, cache: Path, size_mib: float, total_mib: float, parallel: int
) -> dict[str, Any]:
    """Uploads of one size adding up to about `total_mib` (at least 3 files)."""
    size = int(size_mib * MIB)
    count = max(3, round(total_mib / size_mib))
    data = zip_of_random(cache, size).read_bytes()
    files = [(f"bench-{size}-{n}.zip", data, "application/zip") for n in range(count)]
    server = uploader.server
    sampler = RssSampler(server)
    sampler.start()
    cpu = Cpu(server)
    uploads, timings, seconds, _first = await upload_many(uploader, files, parallel)
    shares = cpu.shares()
    peak = sampler.stop()
    total = len(data) * count
    return {
        "file_bytes": len(data),
        "files": count,
        "parallel": parallel,
        "seconds": round(seconds, 3),
        "mb_per_s": round(total / seconds / 1e6, 1),
        "mib_per_s": round(total / seconds / MIB, 1),
        "request_ms": latency_summary_ms(timings),
        "mime": sorted({upload["mime"] for upload in uploads}),
        "server_rss_kib": {"before": sampler.before_kib, "peak": peak},
        "cpu_share": shares,
    }


# -- thumbnails ----------------------------------------------------------------------
@dataclass
class UploadWatch:
    """Statuses of uploads from `upload` frames on the uploader's socket."""

    status: dict[str, str] = field(default_factory=dict)
    ready_at: dict[str, float] = field(default_factory=dict)
    frames: int = 0
    wanted: set[str] | None = None  # set once every upload was accepted
    all_done: asyncio.Event = field(default_factory=asyncio.Event)

    def expect(self, ids: list[str]) -> None:
        self.wanted = set(ids)
        self.check()

    def check(self) -> None:
        if self.wanted is not None and self.wanted.issubset(self.ready_at):
            self.all_done.set()


async def watch_frames(client: Any, watch: UploadWatch, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            frame = await asyncio.wait_for(client.control.get(), 0.2)
        except TimeoutError:
            continue
        if frame.get("type") != "upload":
            continue
        watch.frames += 1
        upload = frame["upload"]
        watch.status[upload["id"]] = upload["status"]
        if upload["status"] in ("ready", "failed"):
            watch.ready_at.setdefault(upload["id"], time.monotonic())
            watch.check()


async def thumbnails(
    uploader: Uploader, cache: Path, count: int, parallel: int, width: int, height: int
) -> dict[str, Any]:
    paths = [photo_like_jpeg(cache, width, height, n) for n in range(count)]
    files = [(path.name, path.read_bytes(), "image/jpeg") for path in paths]
    server = uploader.server
    client = await open_client(HOST, server.port, server.origin, uploader.token)
    watch, stop = UploadWatch(), asyncio.Event()
    watcher = asyncio.create_task(watch_frames(client, watch, stop))
    cpu = Cpu(server)
    uploads, timings, upload_seconds, first_accepted = await upload_many(uploader, files, parallel)
    ids = [upload["id"] for upload in uploads]
    watch.expect(ids)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(watch.all_done.wait(), READY_LIMIT_SECONDS)
    shares = cpu.shares()
    stop.set()
    await watcher
    client.close()
    # Cross-check the frames against the REST view of every upload.
    statuses = [(await uploader.client.get(f"/api/uploads/{i}")).json() for i in ids]
    done = [watch.ready_at[i] for i in ids if i in watch.ready_at]
    last_ready = max(done) if done else float("nan")
    span = last_ready - first_accepted
    return {
        "images": count,
        "size": f"{width}x{height}",
        "jpeg_bytes_avg": round(sum(len(f[1]) for f in files) / count),
        "parallel": parallel,
        "uploads_seconds": round(upload_seconds, 3),
        "first_202_to_all_ready_seconds": round(span, 3),
        "jobs_per_s": round(len(done) / span, 2) if done else 0,
        "ready_via_rest": sum(1 for s in statuses if s["status"] == "ready"),
        "failed_via_rest": sum(1 for s in statuses if s["status"] == "failed"),
        "thumbnails": sum(1 for s in statuses if s["has_thumbnail"]),
        "upload_frames": watch.frames,
        "request_ms": latency_summary_ms(timings),
        "cpu_share": shares,
    }


# -- memory while streaming -----------------------------------------------------------
class RssSampler:
    """VmRSS of the server every 10 ms from a thread (the event loop is busy sending)."""

    def __init__(self, server: Server, interval: float = RSS_SAMPLE_SECONDS) -> None:
        self.server = server
        self.interval = interval
        self.before_kib = server.rss_kib() or 0
        self.peak_kib = self.before_kib
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak_kib = max(self.peak_kib, self.server.rss_kib() or 0)
            self.samples += 1

    def stop(self) -> int:
        self._stop.set()
        self._thread.join(timeout=5)
        return self.peak_kib


def vm_hwm_kib(pid: int | None) -> int | None:
    if pid is None:
        return None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


async def memory(uploader: Uploader, cache: Path, size: int) -> dict[str, Any]:
    data = zip_of_random(cache, size).read_bytes()
    server = uploader.server
    await asyncio.sleep(1.0)  # let the previous phase's garbage settle
    hwm_before = vm_hwm_kib(server.pid)
    sampler = RssSampler(server)
    sampler.start()
    _upload, took = await uploader.upload("bench-max.zip", data, "application/zip")
    await asyncio.sleep(0.5)
    peak = sampler.stop()
    return {
        "file_bytes": len(data),
        "request_ms": round(took / 1e6, 1),
        "rss_before_kib": sampler.before_kib,
        "rss_peak_kib": peak,
        "rss_growth_kib": peak - sampler.before_kib,
        "rss_after_kib": server.rss_kib(),
        "vm_hwm_before_kib": hwm_before,
        "vm_hwm_after_kib": vm_hwm_kib(server.pid),
        "samples": sampler.samples,
    }


# -- the scenario --------------------------------------------------------------------
def prepare_files(args: argparse.Namespace, max_size: int) -> Path:
    """Generate every file before measuring anything (the first run pays for it once)."""
    cache = Path(args.cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    for size_mib in args.sizes:
        zip_of_random(cache, int(size_mib * MIB))
    zip_of_random(cache, max_size)
    for n in range(args.images):
        photo_like_jpeg(cache, args.width, args.height, n)
    return cache


async def run(args: argparse.Namespace, server: Server) -> None:
    max_size = MAX_UPLOAD_MB * MIB - 64 * 1024
    cache = prepare_files(args, max_size)
    hwm_at_start = vm_hwm_kib(server.pid)  # the peak of startup (migrations, imports)
    user_id = (await seed.insert_users(server, 1, seed.run_prefix()))[0]
    token = seed.mint_token(server, user_id)
    room_id = seed.create_room(server, token, f"uploads-{seed.run_prefix()}")  # a member
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=max(args.parallel, 1) + 2)
    async with httpx.AsyncClient(
        base_url=server.base_url, headers=headers, timeout=120, limits=limits
    ) as client:
        uploader = Uploader(server, token, room_id, client)
        # Unmeasured: first request paths, the store's directories.
        await throughput(uploader, cache, args.sizes[0], 3 * args.sizes[0], 1)
        phases = [
            await throughput(uploader, cache, size_mib, args.total_mib, parallel)
            for size_mib in args.sizes
            for parallel in sorted({1, args.parallel})
        ]
        mem = await memory(uploader, cache, max_size)
        thumbs = await thumbnails(
            uploader, cache, args.images, args.parallel, args.width, args.height
        )
    print_report(
        "uploads",
        {
            **describe(args),
            "vm_hwm_at_start_kib": hwm_at_start,
            "throughput": phases,
            "thumbnails": thumbs,
            "memory": mem,
        },
    )
