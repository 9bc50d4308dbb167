"""What the kernel says about processes and CPUs: server CPU time, resident memory, system load.

Everything here reads /proc. Server processes are found by session id: bench/run starts every
server in a new session (setsid), so a master and all the workers it forks share the session id,
which is the pid of the process bench/run started.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from typing import Iterable, Optional

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> Optional[list[str]]:
    """Fields of /proc/PID/stat from field 3 (state) on; None once the process is gone.

    The command name (field 2) may contain spaces and parentheses, so split after the last ')'.
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            raw = f.read().decode("ascii", "replace")
    except (FileNotFoundError, ProcessLookupError):
        return None
    return raw[raw.rfind(")") + 2:].split()


def session_pids(session: int) -> list[int]:
    """Every live process whose session id is `session` (the server and its workers)."""
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        fields = _stat_fields(int(name))
        # field 6 (session) is index 3; skip zombies, whose counters are no longer theirs to read
        if fields and fields[3] == str(session) and fields[0] != "Z":
            pids.append(int(name))
    return sorted(pids)


def cpu_seconds(pids: Iterable[int]) -> float:
    """utime + stime of the processes, all threads included (live and exited ones).

    /proc/PID/stat of a thread-group leader already sums every thread of the process, so one read
    per process is "all threads". Resolution is one clock tick (normally 10 ms).
    """
    ticks = 0
    for pid in pids:
        fields = _stat_fields(pid)
        if fields:
            ticks += int(fields[11]) + int(fields[12])  # fields 14 and 15
    return ticks / CLOCK_TICKS


def rss_kib(pids: Iterable[int]) -> int:
    """Sum of VmRSS over the processes, in KiB."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def socket_count(pids: Iterable[int]) -> int:
    """Open socket descriptors of the processes; (h) uses it to confirm the connections landed."""
    count = 0
    for pid in pids:
        try:
            names = os.listdir(f"/proc/{pid}/fd")
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        for name in names:
            try:
                if os.readlink(f"/proc/{pid}/fd/{name}").startswith("socket:"):
                    count += 1
            except OSError:
                pass
    return count


@dataclass
class SystemCpu:
    """The aggregate "cpu" line of /proc/stat, in clock ticks."""

    busy: int
    total: int

    @staticmethod
    def read() -> "SystemCpu":
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
        # user nice system idle iowait irq softirq steal (guest time is already inside user)
        user, nice, system, idle, iowait, irq, softirq, steal = (values + [0] * 8)[:8]
        busy = user + nice + system + irq + softirq + steal
        return SystemCpu(busy=busy, total=busy + idle + iowait)


def other_cpu_percent(before: SystemCpu, after: SystemCpu, accounted_seconds: float) -> float:
    """Share of the whole machine's CPU used by anything but the server and the load generator.

    This is the noise the design notes ask to watch: above ~10 % a sample is suspect.
    """
    total = after.total - before.total
    if total <= 0:
        return 0.0
    busy = after.busy - before.busy - accounted_seconds * CLOCK_TICKS
    return max(0.0, 100.0 * busy / total)


class DmaLatencyHold:
    """Holds /dev/cpu_dma_latency at 0 while open, so idle vCPUs poll instead of halting.

    The kernel keeps the request only while the descriptor stays open; closing it restores the
    default. On these VMs a halted vCPU costs 40-60 us to wake, which would otherwise dominate a
    one-connection latency measurement.
    """

    def __init__(self) -> None:
        self.fd: Optional[int] = None
        self.error: Optional[str] = None

    def __enter__(self) -> "DmaLatencyHold":
        try:
            self.fd = os.open("/dev/cpu_dma_latency", os.O_WRONLY)
            os.write(self.fd, struct.pack("i", 0))
        except OSError as e:
            if self.fd is not None:
                os.close(self.fd)
                self.fd = None
            self.error = f"/dev/cpu_dma_latency: {e.strerror}"
        return self

    @property
    def held(self) -> bool:
        return self.fd is not None

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
