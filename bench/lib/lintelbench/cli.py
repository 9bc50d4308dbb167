"""bench/run: every server x scenario, interleaved, in each layout; then the table and the JSON."""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from . import load, machine, procstat, report
from .scenarios import FILES, SCENARIOS, Scenario, parse_scenarios
from .servers import (SERVER_CLASSES, Context, Layout, LintelSettings, NotApplicable, Server,
                      ServerError, make_layout)

BENCH_DIR = Path(__file__).resolve().parents[2]
REPO = BENCH_DIR.parent


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run",
        description="Lintel against nginx, h2o, lighttpd and a fixed-response limit server on "
                    "loopback: interleaved rounds, medians and spreads, a table and a JSON file "
                    "in bench/results/. See bench/README.md.")
    parser.add_argument("--quick", action="store_true",
                        help="smoke check: 2 rounds of 2 s (unless --rounds/--duration say "
                             "otherwise), about 1-2 minutes for a few scenarios")
    parser.add_argument("--scenarios", default="a,b,c,d,e,f,g,h",
                        help="comma-separated subset of a-h (default: all)")
    parser.add_argument("--layouts", default="shared,pinned",
                        help="comma-separated subset of shared,pinned (default: both)")
    parser.add_argument("--servers", default=",".join(SERVER_CLASSES),
                        help="comma-separated subset of " + ",".join(SERVER_CLASSES))
    parser.add_argument("--rounds", type=int, help="measured rounds (default 3, quick 2)")
    parser.add_argument("--duration", type=float,
                        help="seconds per measured run (default 10, quick 2)")
    parser.add_argument("--warmup", type=float,
                        help="seconds of unmeasured load before a server's first run of a scenario "
                             "in a layout (default 2, quick 1)")
    parser.add_argument("--idle-connections", type=int, default=10000,
                        help="connections opened for (h) (default 10000)")
    parser.add_argument("--build", action=argparse.BooleanOptionalAction, default=True,
                        help="build and install the release preset first (default: yes)")
    parser.add_argument("--lintel-prefix", type=Path, default=REPO / "build/release/install",
                        help="install prefix holding bin/lintel and lib/lintel/modules")
    parser.add_argument("--lintel-settings", type=Path, default=BENCH_DIR / "configs/lintel.ini",
                        help="which module serves files, whether h2c is on (default: "
                             "bench/configs/lintel.ini)")
    parser.add_argument("--results-dir", type=Path, default=BENCH_DIR / "results")
    parser.add_argument("--keep-temp", action="store_true",
                        help="keep the temporary directory (configs, server logs)")
    args = parser.parse_args(argv)
    quick_defaults = {"rounds": 2, "duration": 2.0, "warmup": 1.0}
    full_defaults = {"rounds": 3, "duration": 10.0, "warmup": 2.0}
    for key, value in (quick_defaults if args.quick else full_defaults).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.rounds < 1 or args.duration < 1:
        parser.error("--rounds and --duration must be at least 1")
    return args


def build_lintel() -> None:
    for command in (["cmake", "--preset", "release"], ["cmake", "--build", "build/release"],
                    ["cmake", "--install", "build/release"]):
        log("bench: " + " ".join(command))
        result = subprocess.run(command, cwd=REPO, stdout=sys.stderr, stderr=sys.stderr)
        if result.returncode != 0:
            raise SystemExit(f"bench: '{' '.join(command)}' failed; not measuring")


def raise_nofile() -> int:
    """As many descriptors as allowed: (h) holds 10,000 sockets in this process and the servers
    (which inherit the limit) hold as many again."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    for wanted in (max(hard, 65536), hard):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, wanted))
            return wanted
        except (ValueError, OSError):
            continue
    return soft


def make_site(site: Path) -> None:
    site.mkdir()
    contents = {
        "13b": b"Hello, world\n",
        "4k": bytes(range(256)) * 16,
        "1m": bytes(range(256)) * 4096,
    }
    for key, (name, size) in FILES.items():
        assert len(contents[key]) == size
        (site / name).write_bytes(contents[key])
        (site / name).chmod(0o644)
    site.chmod(0o755)


def build_limit(temp: Path) -> Path:
    binary = temp / "limit_server"
    command = ["cc", "-O2", "-pthread", "-o", str(binary),
               str(BENCH_DIR / "limit" / "limit_server.c")]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit("bench: cannot build the limit server:\n" + result.stderr)
    return binary


class Terminated(KeyboardInterrupt):
    """SIGTERM/SIGHUP take the same way out as Ctrl-C: stop the servers, keep what was measured."""


def _terminate(signum, frame):
    raise Terminated()


class Runner:
    def __init__(self, args: argparse.Namespace, ctx: Context, scenarios: list[Scenario],
                 layouts: list[Layout], servers: list[str]) -> None:
        self.args = args
        self.ctx = ctx
        self.scenarios = scenarios
        self.layouts = layouts
        self.servers = servers
        self.rows: list[report.Row] = []
        self.checks: list[dict] = []
        self.running: list[Server] = []
        self.dma_errors: set[str] = set()

    def _start(self, key: str, layout: Layout) -> Server:
        server = SERVER_CLASSES[key](self.ctx, layout)
        self.running.append(server)
        try:
            server.start()
        except OSError as e:  # the binary is missing, typically
            server.stop()
            raise ServerError(f"{server.label} cannot start: {e}") from e
        except ServerError:
            server.stop()
            raise
        return server

    def _stop(self, server: Server) -> None:
        server.stop()
        if server in self.running:
            self.running.remove(server)

    def stop_all(self) -> None:
        for server in list(self.running):
            self._stop(server)

    def _check(self, row: report.Row, server: Server, scenario: Scenario, target) -> bool:
        result = load.check(target, scenario)
        self.checks.append({"layout": row.layout, "scenario": scenario.key, "server": row.server,
                            "ok": result.ok, "detail": result.detail})
        if not result.ok:
            row.status, row.detail = "check failed", result.detail
            log(f"bench: CHECK FAILED {row.label} ({scenario.key}): {result.detail}")
        return result.ok

    def run(self) -> None:
        for layout in self.layouts:
            try:
                self._run_layout(layout)
            finally:
                self.stop_all()

    def _run_layout(self, layout: Layout) -> None:
        log(f"bench: layout {layout.name}: {layout.description}")
        persistent = []
        for scenario in self.scenarios:
            if scenario.kind == "idle":
                continue
            persistent += [k for k in scenario.servers if k in self.servers and k not in persistent]
        instances: dict[str, Server] = {}
        start_errors: dict[str, str] = {}
        for key in persistent:
            try:
                instances[key] = self._start(key, layout)
            except ServerError as e:
                start_errors[key] = str(e)
                log(f"bench: {e}")

        # One row per server and scenario; check every answer once before anything is measured.
        rows: dict[tuple[str, str], report.Row] = {}
        targets = {}
        for scenario in self.scenarios:
            for key in [k for k in scenario.servers if k in self.servers]:
                cls = SERVER_CLASSES[key]
                row = report.Row(layout.name, scenario.key, key, cls.label)
                rows[(scenario.key, key)] = row
                self.rows.append(row)
                if scenario.kind == "idle":
                    continue  # checked on each fresh instance
                if key in start_errors:
                    row.status, row.detail = "start failed", start_errors[key]
                    continue
                target = instances[key].target(scenario)
                if isinstance(target, NotApplicable):
                    row.status, row.detail = "n/a", target.reason
                    continue
                if self._check(row, instances[key], scenario, target):
                    targets[(scenario.key, key)] = target

        for round_index in range(self.args.rounds):
            for scenario in self.scenarios:
                keys = [k for k in scenario.servers if rows.get((scenario.key, k))
                        and rows[(scenario.key, k)].status == "ok"]
                # Rotate the order each round so that no server always follows the same one.
                shift = round_index % len(keys) if keys else 0
                for key in keys[shift:] + keys[:shift]:
                    row = rows[(scenario.key, key)]
                    if scenario.kind == "idle":
                        sample = self._measure_idle(row, key, layout, round_index)
                    else:
                        sample = self._measure(instances[key], targets[(scenario.key, key)],
                                               scenario, layout, round_index)
                    if sample is not None:
                        row.samples.append(sample)
                        self._progress(layout, round_index, row, sample)

    def _measure(self, server: Server, target, scenario: Scenario, layout: Layout,
                 round_index: int) -> load.Sample:
        # Servers stay up for the whole layout, so only the first round needs warming (file
        # caches, lazily built state); later rounds start from a server that has seen the load.
        warmup = self.args.warmup if round_index == 0 else 0.0
        if not scenario.latency:
            return load.measure(server, target, scenario, layout, round_index,
                                self.args.duration, warmup, None)
        with procstat.DmaLatencyHold() as hold:
            if hold.error:
                self.dma_errors.add(hold.error)
            return load.measure(server, target, scenario, layout, round_index,
                                self.args.duration, warmup, hold.held)

    def _measure_idle(self, row: report.Row, key: str, layout: Layout,
                      round_index: int) -> Optional[load.Sample]:
        # A fresh server each time: RSS growth must come from these connections, not from a
        # heap that earlier load already grew.
        try:
            server = self._start(key, layout)
        except ServerError as e:
            row.status, row.detail = "start failed", str(e)
            log(f"bench: {e}")
            return None
        try:
            target = server.target(SCENARIOS["h"])
            if isinstance(target, NotApplicable):
                row.status, row.detail = "n/a", target.reason
                return None
            if not self._check(row, server, SCENARIOS["h"], target):
                return None
            return load.measure_idle(server, target, layout, round_index,
                                     self.args.idle_connections)
        finally:
            self._stop(server)

    def _progress(self, layout: Layout, round_index: int, row: report.Row,
                  sample: load.Sample) -> None:
        prefix = f"bench: [{layout.name} {round_index + 1}/{self.args.rounds}] ({row.scenario}) " \
                 f"{row.label}:"
        if sample.failure:
            log(f"{prefix} FAILED: {sample.failure}")
        elif row.scenario == "h":
            log(f"{prefix} {sample.bytes_per_connection:.0f} bytes/connection "
                f"(RSS {sample.rss_before_kib} -> {sample.rss_after_kib} KiB)")
        else:
            cpu = f"{sample.req_per_cpu_s:.0f}" if sample.req_per_cpu_s else "-"
            latency = f", p50 {sample.p50_us:.0f} us, p99 {sample.p99_us:.0f} us" \
                if row.scenario == "d" else ""
            errors = f", {sample.error_count} ERRORS" if sample.error_count else ""
            log(f"{prefix} {sample.rps:.0f} req/s, {cpu} req/CPU-s{latency}, "
                f"other load {sample.other_cpu_percent:.0f}%{errors}")


def _estimate_seconds(args, scenarios, layouts, servers) -> float:
    per_round = warmups = 0.0
    for scenario in scenarios:
        n = len([k for k in scenario.servers if k in servers])
        if scenario.kind == "idle":
            per_round += n * (4 + args.idle_connections / 4000)
        else:
            per_round += n * (args.duration + 0.3)
            warmups += n * (max(1, args.warmup) if args.warmup > 0 else 0)
    return (per_round * args.rounds + warmups + 3) * len(layouts)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        scenarios = parse_scenarios(args.scenarios)
        cores = os.cpu_count() or 1
        layouts = [make_layout(n.strip(), cores) for n in args.layouts.split(",") if n.strip()]
    except ValueError as e:
        log(f"bench: {e}")
        return 2
    servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    unknown = [s for s in servers if s not in SERVER_CLASSES]
    if unknown:
        log(f"bench: unknown server(s) {', '.join(unknown)}")
        return 2
    needed_tools = ["curl", "cc"]
    if any(s.kind == "wrk" for s in scenarios):
        needed_tools.append("wrk")
    if any(s.kind == "h2load" for s in scenarios):
        needed_tools.append("h2load")
    if any(layout.server_cpus for layout in layouts):
        needed_tools.append("taskset")
    missing = [t for t in needed_tools if shutil.which(t) is None]
    if missing:
        log(f"bench: missing {', '.join(missing)}; run scripts/install-deps --bench")
        return 2

    if args.build:
        build_lintel()
    lintel_bin = args.lintel_prefix / "bin" / "lintel"
    if not lintel_bin.exists() and any(k.startswith("lintel") for k in servers):
        log(f"bench: {lintel_bin} does not exist (build it, or drop --no-build)")
        return 2

    nofile = raise_nofile()
    notes = []
    if nofile < args.idle_connections + 256:
        notes.append(f"RLIMIT_NOFILE is {nofile}: too low for {args.idle_connections} idle "
                     f"connections")
    temp = Path(tempfile.mkdtemp(prefix="lintel-bench-"))
    temp.chmod(0o755)  # peers drop to nobody and must still reach the site and their run dirs
    started = time.time()
    minutes = _estimate_seconds(args, scenarios, layouts, servers) / 60
    log(f"bench: working in {temp}; about {minutes:.1f} min for {len(scenarios)} scenario(s) x "
        f"{len(layouts)} layout(s) x {args.rounds} round(s)")
    runner: Optional[Runner] = None
    interrupted = False
    old_handlers = {s: signal.signal(s, _terminate) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        site = temp / "site"
        make_site(site)
        ctx = Context(temp=temp, site=site, nofile=nofile, as_root=os.geteuid() == 0,
                      lintel_bin=lintel_bin, limit_bin=build_limit(temp),
                      lintel=LintelSettings.load(args.lintel_settings))
        facts = machine.machine_facts()
        versions = machine.versions(REPO, lintel_bin, ctx.limit_bin)
        runner = Runner(args, ctx, scenarios, layouts, servers)
        runner.run()
    except ValueError as e:
        log(f"bench: {e}")
    except KeyboardInterrupt:
        interrupted = True
        log("bench: interrupted; stopping the servers")
    finally:
        # Nothing may keep a server alive: a second Ctrl-C during the clean-up is ignored.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if runner is not None:
            runner.stop_all()
        for sig, handler in old_handlers.items():
            signal.signal(sig, handler)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if not args.keep_temp:
            shutil.rmtree(temp, ignore_errors=True)
        else:
            log(f"bench: kept {temp}")
    if runner is None:
        return 130 if interrupted else 1

    layout_descriptions = {layout.name: layout.description for layout in layouts}
    if runner.dma_errors:
        notes.append("latency runs without cpu_dma_latency held: " + "; ".join(runner.dma_errors))
    other = [s.other_cpu_percent for r in runner.rows for s in r.good()
             if s.other_cpu_percent is not None]
    if other:
        busy = sum(1 for v in other if v > report.OTHER_LOAD_WARNING)
        notes.append(f"load from other processes (/proc/stat) during the runs: median "
                     f"{sorted(other)[len(other) // 2]:.0f}%, max {max(other):.0f}% of the "
                     f"machine; {busy} of {len(other)} runs above "
                     f"{report.OTHER_LOAD_WARNING:.0f}% (marked !)")
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(started))
    result = {
        "schema": 1,
        "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "finished_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "interrupted": interrupted,
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "machine": facts,
        "versions": versions,
        "lintel_settings": vars(ctx.lintel),
        "layouts": layout_descriptions,
        "scenarios": {s.key: s.title for s in scenarios},
        "notes": notes,
        "checks": runner.checks,
        "summary": report.summarise(runner.rows),
        "samples": [s.to_json() for r in runner.rows for s in r.samples],
    }
    args.results_dir.mkdir(parents=True, exist_ok=True)
    out = args.results_dir / (stamp + ("-interrupted" if interrupted else "") + ".json")
    out.write_text(json.dumps(result, indent=1) + "\n")

    print(report.format_table(runner.rows, layout_descriptions))
    for note in notes:
        print("note: " + note)
    print(f"machine: {facts['cores']} cores, {facts['cpu_model']}, kernel {facts['kernel']}; "
          f"took {(time.time() - started) / 60:.1f} min")
    print(f"results: {out}")
    return 130 if interrupted else 0
