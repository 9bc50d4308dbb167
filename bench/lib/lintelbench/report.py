"""Medians, spreads and ratios over the rounds, and the table bench/run prints.

Spread is (max - min) / median over the rounds, in percent: with three rounds it is the whole
range, which is what the design notes ask to put next to every number. A ratio Lintel/peer is
the ratio of the two medians; its spread is the range of the per-round ratios (round i of Lintel
against round i of the peer, measured minutes apart at most thanks to the interleaving).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Callable, Optional

from .load import Sample
from .scenarios import SCENARIOS

OTHER_LOAD_WARNING = 10.0  # percent of the machine; above it a sample is suspect


def spread(values: list[float]) -> Optional[float]:
    if len(values) < 2:
        return None
    middle = statistics.median(values)
    return 100.0 * (max(values) - min(values)) / middle if middle else None


@dataclass
class Row:
    """One server on one scenario in one layout, summarised over the rounds."""

    layout: str
    scenario: str
    server: str
    label: str
    status: str = "ok"  # ok, n/a, check failed, start failed, failed
    detail: str = ""
    samples: list[Sample] = field(default_factory=list)

    def good(self) -> list[Sample]:
        return [s for s in self.samples if s.failure is None]

    def values(self, pick: Callable[[Sample], Optional[float]]) -> list[float]:
        return [v for v in (pick(s) for s in self.good()) if v is not None]

    def median(self, pick: Callable[[Sample], Optional[float]]) -> Optional[float]:
        values = self.values(pick)
        return statistics.median(values) if values else None

    def spread(self, pick: Callable[[Sample], Optional[float]]) -> Optional[float]:
        return spread(self.values(pick))

    def ok(self) -> bool:
        return self.status == "ok" and bool(self.good())


def metric_for(scenario: str) -> tuple[Callable[[Sample], Optional[float]], bool, str]:
    """The number a scenario's bar is about, whether higher is better, and its name."""
    if scenario == "d":
        return (lambda s: s.p99_us), False, "p99"
    if scenario == "h":
        return (lambda s: s.bytes_per_connection), False, "bytes/conn"
    return (lambda s: s.rps), True, "req/s"


def ratio(lintel: Row, other: Row, pick: Callable[[Sample], Optional[float]]):
    """(median ratio, spread of per-round ratios) of Lintel over `other`, or None."""
    if not (lintel.ok() and other.ok()) or lintel is other:
        return None
    a, b = lintel.median(pick), other.median(pick)
    if a is None or not b:
        return None
    by_round = {s.round: pick(s) for s in other.good()}
    per_round = [pick(s) / by_round[s.round] for s in lintel.good()
                 if pick(s) is not None and by_round.get(s.round)]
    return a / b, spread(per_round)


def summarise(rows: list[Row]) -> list[dict]:
    """JSON form of every row, ratios included."""
    out = []
    index = {(r.layout, r.scenario, r.server): r for r in rows}
    for row in rows:
        pick, higher_better, metric = metric_for(row.scenario)
        lintel = index.get((row.layout, row.scenario, "lintel"))
        entry = {
            "layout": row.layout, "scenario": row.scenario, "server": row.server,
            "label": row.label, "status": row.status, "detail": row.detail,
            "rounds": len(row.good()), "failed_samples": len(row.samples) - len(row.good()),
            "samples_with_errors": sum(1 for s in row.good() if s.error_count),
            "rps_median": row.median(lambda s: s.rps),
            "rps_spread_percent": row.spread(lambda s: s.rps),
            "req_per_cpu_s_median": row.median(lambda s: s.req_per_cpu_s),
            "req_per_cpu_s_spread_percent": row.spread(lambda s: s.req_per_cpu_s),
            "p50_us_median": row.median(lambda s: s.p50_us),
            "p99_us_median": row.median(lambda s: s.p99_us),
            "p99_us_spread_percent": row.spread(lambda s: s.p99_us),
            "mib_per_s_median": row.median(
                lambda s: s.bytes / s.duration_s / 2**20 if s.duration_s else None),
            "bytes_per_connection_median": row.median(lambda s: s.bytes_per_connection),
            "bytes_per_connection_spread_percent": row.spread(lambda s: s.bytes_per_connection),
            "other_cpu_percent_median": row.median(lambda s: s.other_cpu_percent),
            "other_cpu_percent_max": max(row.values(lambda s: s.other_cpu_percent), default=None),
        }
        if lintel is not None and row.server != "lintel":
            r = ratio(lintel, row, pick)
            entry["lintel_ratio"] = {"metric": metric, "higher_is_better": higher_better,
                                     "value": r[0] if r else None,
                                     "spread_percent": r[1] if r else None}
            r = ratio(lintel, row, lambda s: s.req_per_cpu_s)
            entry["lintel_ratio_req_per_cpu_s"] = {"value": r[0] if r else None,
                                                   "spread_percent": r[1] if r else None}
        out.append(entry)
    return out


# --- text table ------------------------------------------------------------------------------

def _k(value: Optional[float]) -> str:
    if value is None:
        return "-"
    if value >= 1e6:
        return f"{value / 1e6:.2f}M"
    if value >= 1e3:
        return f"{value / 1e3:.1f}k"
    return f"{value:.0f}"


def _pct(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.0f}%"


def _ratio(r) -> str:
    if not r:
        return "n/a"
    value, sp = r
    return f"{value:.2f} ({_pct(sp)})" if sp is not None else f"{value:.2f}"


def _row_notes(row: Row, lintel: Optional[Row]) -> list[str]:
    notes = []
    if row.server == "limit":
        notes.append("ceiling")
    if row.server == "lintel-bare":
        notes.append("bare pipeline, every answer a 404")
    if row.scenario == "c" and row.ok():
        mib = row.median(lambda s: s.bytes / s.duration_s / 2**20 if s.duration_s else None)
        notes.append(f"{mib:.0f} MiB/s")
    bad = sum(1 for s in row.good() if s.error_count)
    if bad:
        notes.append(f"ERRORS in {bad} run(s)")
    failed = len(row.samples) - len(row.good())
    if failed:
        first = next(s.failure for s in row.samples if s.failure)
        notes.append(f"{failed} run(s) failed: {first[:80]}")
    if row.scenario == "d" and row.ok() and not all(s.dma_latency_held for s in row.good()):
        notes.append("cpu_dma_latency NOT held")
    return notes


def format_table(rows: list[Row], layouts: dict[str, str]) -> str:
    index = {(r.layout, r.scenario, r.server): r for r in rows}
    lines = []
    for layout, description in layouts.items():
        layout_rows = [r for r in rows if r.layout == layout]
        if not layout_rows:
            continue
        lines.append(f"== layout: {layout} - {description}")
        for key in [k for k in SCENARIOS if any(r.scenario == k for r in layout_rows)]:
            scenario = SCENARIOS[key]
            pick, higher_better, metric = metric_for(key)
            lintel = index.get((layout, key, "lintel"))
            ratio_note = (f"Lintel/x: ratio of {metric}"
                          + ("" if higher_better else " (lower is better for Lintel)")
                          + ("" if key == "h" else "; Lintel/x CPU: ratio of req/CPU-s")
                          + "; (n%): spread over the rounds")
            lines.append(f"({key}) {scenario.title}   [{ratio_note}]")
            if key == "h":
                lines.append(f"    {'server':<22}{'RSS before':>11}{'RSS after':>11}"
                             f"{'bytes/conn':>12}{'spread':>8}{'Lintel/x':>16}{'other':>7}"
                             f"  notes")
            else:
                lat = f"{'p50/p99 us':>14}"
                lines.append(f"    {'server':<22}{'req/s':>9}{'spread':>8}{'req/CPU-s':>11}"
                             f"{'spread':>8}{lat}{'Lintel/x':>16}{'Lintel/x CPU':>14}{'other':>7}"
                             f"  notes")
            for row in [r for r in layout_rows if r.scenario == key]:
                lines.append("    " + _format_row(row, lintel, pick))
        lines.append("")
    return "\n".join(lines)


def _format_row(row: Row, lintel: Optional[Row], pick) -> str:
    name = f"{row.label:<22}"
    if not row.ok():
        if row.status == "n/a":
            reason = row.detail
        elif row.status != "ok":
            reason = f"{row.status.upper()}: {row.detail}"
        else:
            failures = [s.failure for s in row.samples if s.failure]
            reason = "NO RESULT: " + (failures[0] if failures else "not measured (interrupted)")
        return name + " ".join(reason.split())[:220]
    other = row.median(lambda s: s.other_cpu_percent)
    flag = "!" if other is not None and other > OTHER_LOAD_WARNING else ""
    notes = ", ".join(_row_notes(row, lintel))
    is_lintel = row.server == "lintel"
    if row.scenario == "h":
        before = row.median(lambda s: s.rss_before_kib)
        after = row.median(lambda s: s.rss_after_kib)
        r = None if is_lintel or lintel is None else ratio(lintel, row, pick)
        return (name + f"{(before or 0) / 1024:>9.1f}Mi{(after or 0) / 1024:>9.1f}Mi"
                f"{row.median(pick) or 0:>12.0f}{_pct(row.spread(pick)):>8}"
                f"{'' if is_lintel else _ratio(r):>16}{_pct(other) + flag:>7}  {notes}")
    cpu = lambda s: s.req_per_cpu_s  # noqa: E731
    latency = "-"
    if row.scenario == "d":
        latency = f"{row.median(lambda s: s.p50_us):.0f}/{row.median(lambda s: s.p99_us):.0f}"
    r = r_cpu = None
    if not is_lintel and lintel is not None:
        r, r_cpu = ratio(lintel, row, pick), ratio(lintel, row, cpu)
    return (name + f"{_k(row.median(lambda s: s.rps)):>9}{_pct(row.spread(lambda s: s.rps)):>8}"
            f"{_k(row.median(cpu)):>11}{_pct(row.spread(cpu)):>8}{latency:>14}"
            f"{'' if is_lintel else _ratio(r):>16}{'' if is_lintel else _ratio(r_cpu):>14}"
            f"{_pct(other) + flag:>7}  {notes}")
