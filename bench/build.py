"""The build's figures, as the targets state them: plans per second, CPU per plan, peak memory.

One real `plangraph build` (a subprocess, fresh: no cache) is timed; its CPU is the user and
system time of the build and every worker process it waited for (wait4's resource usage), and its
peak memory is the largest resident memory of the whole process tree at once (the parent and
its workers together, sampled every 50 ms), not only of the largest process.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PYTHON = [sys.executable, "-m", "builder.cli"]


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, now."""
    total, pending = 0, [str(pid)]
    while pending:
        proc = pending.pop()
        try:
            status = Path(f"/proc/{proc}/status").read_text()
            children = Path(f"/proc/{proc}/task/{proc}/children").read_text().split()
        except OSError:  # ended meanwhile
            continue
        found = re.search(r"VmRSS:\s+(\d+)", status)
        total += int(found.group(1)) if found else 0
        pending += children
    return total


def _watch(pid: int, peak: list[int], done: threading.Event) -> None:
    while not done.wait(0.05):
        peak[0] = max(peak[0], tree_rss_kb(pid))


def measure_build(source: Path, output: Path, *extra: str) -> dict:
    """Seconds, CPU seconds, triples written and peak MB of one `plangraph build` of `source`."""
    plans = sum(1 for path in source.iterdir() if path.suffix == ".txt")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(PYTHON + ["build", "-q", "-o", str(output), *extra, str(source)],
                                   stdout=out, stderr=err)
        peak, done = [0], threading.Event()
        watcher = threading.Thread(target=_watch, args=(process.pid, peak, done), daemon=True)
        watcher.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        watcher.join()
        out.seek(0)
        err.seek(0)
        wrote = re.search(rb"wrote (\d+) triples", out.read())
        if wrote is None:
            raise RuntimeError(f"plangraph build of {source} failed:\n{err.read()[-2000:].decode(errors='replace')}")
    cpu = usage.ru_utime + usage.ru_stime
    return {"plans": plans, "triples": int(wrote.group(1)), "build s": seconds, "plans/s": plans / seconds,
            "build CPU ms per plan": 1000 * cpu / plans, "triples/s": int(wrote.group(1)) / seconds,
            "build peak MB": peak[0] // 1024}
