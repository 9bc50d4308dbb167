"""Facts about the machine and the software under test, recorded with every result."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path
from typing import Optional


def _run(command: list[str], cwd: Optional[Path] = None) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=20, cwd=cwd)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unavailable ({e})"
    return (result.stdout + result.stderr).strip()


def _first_line(text: str) -> str:
    return text.splitlines()[0].strip() if text else ""


def _read(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return ""


def _cpu_model() -> str:
    for line in _read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _meminfo_kib(key: str) -> Optional[int]:
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None


def _package_version(package: str) -> str:
    out = _run(["dpkg-query", "-W", "-f=${Version}", package])
    return out if out and "no packages found" not in out else "not installed"


def machine_facts() -> dict:
    flags = ""
    for line in _read("/proc/cpuinfo").splitlines():
        if line.startswith("flags"):
            flags = line
            break
    uname = platform.uname()
    return {
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "cpu_model": _cpu_model(),
        "virtualised": " hypervisor" in flags,
        "kernel": uname.release,
        "kernel_version": uname.version,
        "machine": uname.machine,
        "os": _read("/etc/debian_version") and f"Debian {_read('/etc/debian_version')}",
        "memory_kib": _meminfo_kib("MemTotal"),
        "loadavg_at_start": _read("/proc/loadavg"),
        "sysctl": {
            name: _read("/proc/sys/" + name.replace(".", "/"))
            for name in ("net.core.somaxconn", "net.ipv4.ip_local_port_range",
                         "net.ipv4.tcp_tw_reuse", "kernel.perf_event_paranoid")
        },
        "python": platform.python_version(),
    }


def versions(repo: Path, lintel_bin: Path, limit_bin: Optional[Path]) -> dict:
    lintel_stat = lintel_bin.stat() if lintel_bin.exists() else None
    # --no-optional-locks: reading the status must not rewrite the index under the other engineers.
    git = ["git", "--no-optional-locks", "-C", str(repo)]
    dirty = _run(git + ["status", "--porcelain", "--untracked-files=no"])
    return {
        "lintel": _first_line(_run([str(lintel_bin), "--version"])),
        "lintel_binary": str(lintel_bin),
        "lintel_binary_mtime": lintel_stat.st_mtime if lintel_stat else None,
        "lintel_commit": _first_line(_run(git + ["rev-parse", "HEAD"])),
        "lintel_tree_modified_files": len(dirty.splitlines()) if dirty else 0,
        "nginx": _first_line(_run(["nginx", "-v"])),
        "nginx_package": _package_version("nginx-light") + " (nginx-light), "
        + _package_version("nginx-common") + " (nginx-common)",
        "h2o": _first_line(_run(["h2o", "--version"])),
        "h2o_package": _package_version("h2o"),
        "lighttpd": _first_line(_run(["lighttpd", "-v"])),
        "lighttpd_package": _package_version("lighttpd"),
        "wrk": _first_line(_run(["wrk", "-v"])),
        "wrk_package": _package_version("wrk"),
        "h2load": _first_line(_run(["h2load", "--version"])),
        "h2load_package": _package_version("nghttp2-client"),
        "curl": _first_line(_run(["curl", "--version"])),
        "cc": _first_line(_run(["cc", "--version"])),
        "limit_server": str(limit_bin) if limit_bin else None,
    }
