"""The servers under test: how each is configured, started, checked, measured and stopped.

Every server gets its own directory under the run's temporary directory, its own free loopback
port(s) and its own session (setsid), so that stopping it is one signal to one process group and
its CPU time is the sum over one session's processes.
"""

from __future__ import annotations

import configparser
import grp
import os
import pwd
import re
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from . import procstat
from .scenarios import FILES, Scenario

CONFIG_DIR = Path(__file__).resolve().parents[2] / "configs"


@dataclass(frozen=True)
class Layout:
    """Where the server and the load generator run (see design/benchmarking.md)."""

    name: str
    server_workers: int
    server_cpus: Optional[str]  # taskset list, None = unpinned
    client_cpus: Optional[str]
    client_threads: int
    description: str


def make_layout(name: str, cores: int) -> Layout:
    if name == "shared":
        return Layout(name, cores, None, None, cores,
                      f"server with {cores} workers and load generator with {cores} threads, "
                      f"all unpinned on {cores} cores")
    if name == "pinned":
        return Layout(name, 1, "1", "0", 1,
                      "one server worker pinned to CPU 1, one load-generator thread on CPU 0")
    raise ValueError(f"unknown layout '{name}' (shared, pinned)")


@dataclass(frozen=True)
class Target:
    """What to request from a server for a scenario, and what a correct answer looks like."""

    url: str
    port: int
    path: str
    status: int
    length: Optional[int]  # None: any body length is right (recorded, not checked)
    http2: bool = False


@dataclass(frozen=True)
class NotApplicable:
    reason: str


@dataclass
class LintelSettings:
    """[static] and [http2] of bench/configs/lintel.ini."""

    static_module: str = ""
    static_image: str = ""
    h2c: bool = False

    @staticmethod
    def load(path: Path) -> "LintelSettings":
        parser = configparser.ConfigParser(inline_comment_prefixes=(";",))
        if not parser.read(path):
            raise ValueError(f"cannot read {path}")
        return LintelSettings(
            static_module=parser.get("static", "module", fallback="").strip(),
            static_image=parser.get("static", "image", fallback="").strip(),
            h2c=parser.getboolean("http2", "h2c", fallback=False),
        )


@dataclass
class Context:
    """Facts every server needs: where things are and what this process may do."""

    temp: Path
    site: Path
    nofile: int
    as_root: bool
    lintel_bin: Path
    limit_bin: Path
    lintel: LintelSettings


class ServerError(RuntimeError):
    pass


_ports_given: set[int] = set()


def free_port() -> int:
    """A loopback port nobody listens on now. The kernel may hand the same free port out twice
    before the first taker binds it, so never return one this run has already given out."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _ports_given:
            _ports_given.add(port)
            return port


def render(template: Path, values: dict[str, str]) -> str:
    text = template.read_text()
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    left = sorted(set(re.findall(r"@[A-Z][A-Z0-9_]*@", text)))
    if left:
        raise ServerError(f"{template.name}: no value for {', '.join(left)}")
    return text


class Server:
    """One server instance in one layout. Subclasses say how to configure and launch it."""

    key = ""
    label = ""

    def __init__(self, ctx: Context, layout: Layout) -> None:
        self.ctx = ctx
        self.layout = layout
        self.run_dir = ctx.temp / f"{layout.name}-{self.key}-{os.urandom(3).hex()}"
        self.port = 0
        self.proc: Optional[subprocess.Popen] = None
        self.command: list[str] = []
        self.log_path = self.run_dir / "output.log"

    # --- what subclasses provide -------------------------------------------------------------

    def configure(self) -> list[str]:
        """Writes the configuration into run_dir and returns the command line (unpinned)."""
        raise NotImplementedError

    def target(self, scenario: Scenario) -> Union[Target, NotApplicable]:
        raise NotImplementedError

    def ports(self) -> list[int]:
        return [self.port]

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self, timeout: float = 15.0) -> None:
        self.run_dir.mkdir(parents=True)
        if self.ctx.as_root:
            # Peers drop to nobody after start-up and then write pid and log files here.
            try:
                os.chown(self.run_dir, pwd.getpwnam("nobody").pw_uid,
                         grp.getgrnam("nogroup").gr_gid)
            except KeyError as e:
                raise ServerError(f"{self.label}: no user nobody / group nogroup ({e})") from e
        self.port = free_port()
        command = self.configure()
        if self.layout.server_cpus is not None:
            command = ["taskset", "-c", self.layout.server_cpus] + command
        self.command = command
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(command, cwd=self.run_dir, stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = time.monotonic() + timeout
        pending = list(self.ports())
        while pending:
            if self.proc.poll() is not None:
                raise ServerError(f"{self.label} exited with {self.proc.returncode} at start-up:\n"
                                  + self.log_tail())
            if time.monotonic() > deadline:
                self.stop()
                raise ServerError(f"{self.label} did not accept on port(s) {pending} within "
                                  f"{timeout:.0f} s:\n" + self.log_tail())
            try:
                with socket.create_connection(("127.0.0.1", pending[0]), timeout=0.5):
                    pending.pop(0)
            except OSError:
                time.sleep(0.05)
        # Give forked workers a moment to exist, so that pids() sees the whole server.
        time.sleep(0.2)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def pids(self) -> list[int]:
        if self.proc is None:
            return []
        return procstat.session_pids(self.proc.pid)

    def stop(self) -> None:
        """SIGTERM to the server's process group, SIGKILL after 5 s. Safe to call twice."""
        if self.proc is None:
            return
        group = self.proc.pid
        for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
            leftovers = self.pids()
            if self.proc.poll() is not None and not leftovers:
                break
            try:
                os.killpg(group, sig)
            except ProcessLookupError:
                pass
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                if self.proc.poll() is not None and not self.pids():
                    break
                time.sleep(0.05)
        try:
            self.proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass

    def log_tail(self, lines: int = 15) -> str:
        texts = []
        for path in sorted(self.run_dir.glob("*.log")):
            try:
                content = path.read_text(errors="replace").strip().splitlines()
            except OSError:
                continue
            if content:
                texts.append(f"  [{path.name}]\n" + "\n".join("    " + l for l in content[-lines:]))
        return "\n".join(texts) or "  (no output)"

    def version(self) -> str:
        return ""

    # --- helpers -----------------------------------------------------------------------------

    def _url(self, path: str, port: Optional[int] = None) -> str:
        return f"http://127.0.0.1:{port or self.port}{path}"

    def _file_target(self, scenario: Scenario, port: Optional[int] = None) -> Target:
        name, size = FILES[scenario.file]
        return Target(self._url("/" + name, port), port or self.port, "/" + name, 200, size,
                      http2=scenario.kind == "h2load")

    def _write(self, name: str, text: str) -> Path:
        path = self.run_dir / name
        path.write_text(text)
        return path

    def _common_values(self) -> dict[str, str]:
        return {
            "PORT": str(self.port),
            "SITE": str(self.ctx.site),
            "RUN_DIR": str(self.run_dir),
            "WORKERS": str(self.layout.server_workers),
            "NOFILE": str(self.ctx.nofile),
            "MAX_CONNECTIONS": str(max(1024, self.ctx.nofile // 2 - 64)),
        }


class Nginx(Server):
    key = "nginx"
    label = "nginx"

    def configure(self) -> list[str]:
        self.h2c_port = free_port()
        values = self._common_values()
        values["H2C_PORT"] = str(self.h2c_port)
        # One worker holds all of (h)'s connections in the pinned layout.
        values["MAX_CONNECTIONS"] = str(max(1024, self.ctx.nofile - 64))
        values["USER_LINE"] = "user nobody nogroup;" if self.ctx.as_root else ""
        conf = self._write("nginx.conf", render(CONFIG_DIR / "nginx.conf.in", values))
        return ["nginx", "-e", str(self.run_dir / "nginx-startup.log"), "-p", str(self.run_dir),
                "-c", str(conf)]

    def ports(self) -> list[int]:
        return [self.port, self.h2c_port]

    def target(self, scenario: Scenario) -> Union[Target, NotApplicable]:
        if scenario.kind == "h2load":
            return self._file_target(scenario, self.h2c_port)
        return self._file_target(scenario)


class H2o(Server):
    key = "h2o"
    label = "h2o"

    def configure(self) -> list[str]:
        values = self._common_values()
        values["USER_LINE"] = "user: nobody" if self.ctx.as_root else ""
        conf = self._write("h2o.conf", render(CONFIG_DIR / "h2o.conf.in", values))
        return ["h2o", "-c", str(conf)]

    def target(self, scenario: Scenario) -> Union[Target, NotApplicable]:
        return self._file_target(scenario)


class Lighttpd(Server):
    key = "lighttpd"
    label = "lighttpd"

    def configure(self) -> list[str]:
        values = self._common_values()
        values["USER_LINE"] = ('server.username = "nobody"\nserver.groupname = "nogroup"'
                               if self.ctx.as_root else "")
        conf = self._write("lighttpd.conf", render(CONFIG_DIR / "lighttpd.conf.in", values))
        return ["lighttpd", "-D", "-f", str(conf)]

    def target(self, scenario: Scenario) -> Union[Target, NotApplicable]:
        return self._file_target(scenario)


class Limit(Server):
    """The fixed-response epoll server: the ceiling for (a) and (g)."""

    key = "limit"
    label = "limit (fixed response)"

    def configure(self) -> list[str]:
        return [str(self.ctx.limit_bin), "--host", "127.0.0.1", "--port", str(self.port),
                "--threads", str(self.layout.server_workers)]

    def target(self, scenario: Scenario) -> Union[Target, NotApplicable]:
        path = "/hello" if scenario.key == "g" else "/" + FILES["13b"][0]
        return Target(self._url(path), self.port, path, 200, 13)


HELLO_BODY_LENGTH = len("Hello from Lintel!\n")


class Lintel(Server):
    """Lintel as lintel.config.in configures it: hello for (g), the static file module for
    (a)-(e) once lintel.ini names one."""

    key = "lintel"
    label = "Lintel"

    def configure(self) -> list[str]:
        settings = self.ctx.lintel
        values = self._common_values()
        module, image = settings.static_module, settings.static_image
        values["STATIC_GLOBAL_MODULE"] = (
            f'      <add name="{module}" image="{image}" />' if module and image else "")
        values["STATIC_MODULE"] = f'      <add name="{module}" />' if module and image else ""
        if module:
            values["FILE_HANDLER"] = (f'      <add name="StaticFile" path="*" verb="*" '
                                      f'modules="{module}" resourceType="Either" '
                                      f'requireAccess="Read" />')
        else:
            values["FILE_HANDLER"] = ('      <add name="HelloEverything" path="*" verb="GET,HEAD" '
                                      'modules="HelloModule" />')
        conf = self._write("applicationHost.config",
                           render(CONFIG_DIR / "lintel.config.in", values))
        return [str(self.ctx.lintel_bin), "--config", str(conf),
                "--threads", str(self.layout.server_workers)]

    def target(self, scenario: Scenario) -> Union[Target, NotApplicable]:
        if scenario.key == "g":
            return Target(self._url("/hello"), self.port, "/hello", 200, HELLO_BODY_LENGTH)
        if scenario.key == "h" and not self.ctx.lintel.static_module:
            return Target(self._url("/hello"), self.port, "/hello", 200, HELLO_BODY_LENGTH)
        if scenario.kind == "h2load" and not self.ctx.lintel.h2c:
            return NotApplicable("n/a (no HTTP/2 yet)")
        if not self.ctx.lintel.static_module:
            return NotApplicable("n/a (no static file module)")
        return self._file_target(scenario)


class LintelBare(Lintel):
    """Lintel with no modules at all: every request is a 404 from the bare pipeline."""

    key = "lintel-bare"
    label = "Lintel, no modules"

    def configure(self) -> list[str]:
        conf = self._write("applicationHost.config",
                           render(CONFIG_DIR / "lintel-nomodules.config.in",
                                  self._common_values()))
        return [str(self.ctx.lintel_bin), "--config", str(conf),
                "--threads", str(self.layout.server_workers)]

    def target(self, scenario: Scenario) -> Union[Target, NotApplicable]:
        # The 404's body is whatever the pipeline produces for "no handler"; only the status is
        # the contract here.
        return Target(self._url("/hello"), self.port, "/hello", 404, None)


SERVER_CLASSES: dict[str, type[Server]] = {
    cls.key: cls for cls in (Lintel, LintelBare, Nginx, H2o, Lighttpd, Limit)
}
PEERS = ("nginx", "h2o", "lighttpd")
