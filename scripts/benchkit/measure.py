"""Timing helpers: percentiles, HTTP latency loops and resident memory."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import statistics
import time


def percentile(values, fraction):
    """Return the value below which `fraction` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary_ms(seconds):
    """Return p50, p95 and mean of durations in milliseconds."""
    milliseconds = [value * 1000 for value in seconds]
    return {
        "p50_ms": round(percentile(milliseconds, 0.50), 1),
        "p95_ms": round(percentile(milliseconds, 0.95), 1),
        "mean_ms": round(statistics.fmean(milliseconds), 1),
        "count": len(milliseconds),
    }


def timed(call):
    """Run `call`; return (seconds, result)."""
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def latencies(call, count, concurrency=1, warmup=2):
    """Call `call(i)` `count` times on `concurrency` threads; return durations.

    Raises RuntimeError when a call returns an HTTP status of 500 or more.
    """
    for number in range(warmup):
        call(-1 - number)

    def one(number):
        seconds, response = timed(lambda: call(number))
        if getattr(response, "status_code", 200) >= 500:
            raise RuntimeError(f"HTTP {response.status_code} from {response.url}")
        return seconds

    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(one, range(count)))


def resident_mb(pid):
    """Return the resident memory (VmRSS) of process `pid` in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None
