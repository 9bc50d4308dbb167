"""Global notifications: RegisterModule's arguments, GL_APPLICATION_START/STOP for every
application, GL_PRE_BEGIN_REQUEST before the request pipeline, global priorities and
GL_NOTIFICATION_HANDLED, IHttpServer::NotifyCustomNotification, and the shutdown order on SIGTERM.
Observed through tests/modules/global_recorder.cpp, loaded under one or two configuration names.

Contract: semantics.md §1 (module lifetime, GL_PRE_BEGIN_REQUEST), §2 (GL_NOTIFICATION_HANDLED stops
the current global notification for the modules after it), §3 (global priorities), §10
(IHttpServer::NotifyCustomNotification), §11.12 (dwServerVersion = 10); docs/architecture.md
(startup and shutdown order). GL_APPLICATION_STOP only for applications that got
GL_APPLICATION_START (also when the server only checks, or fails to listen).
"""

from __future__ import annotations

import signal
import socket
import uuid
from pathlib import Path
from typing import Optional, Sequence
from xml.sax.saxutils import quoteattr

import pytest

import lintel_harness as harness

MODULE = "global_recorder"
CUSTOM_TYPE = "lintel-test"


class Line:
    """One recorder line: "<module> <event> [details]"."""

    def __init__(self, text: str) -> None:
        fields = text.split(" ", 2)
        assert len(fields) >= 2, f"malformed recorder line {text!r}"
        self.module = fields[0]
        self.event = fields[1]
        self.details = fields[2] if len(fields) > 2 else ""
        self.text = text

    def __repr__(self) -> str:
        return repr(self.text)


class Recording:
    """The log GLOBAL_RECORDER_LOG points to."""

    def __init__(self, path: Path) -> None:
        self.path_ = path

    @property
    def env(self) -> dict[str, str]:
        return {"GLOBAL_RECORDER_LOG": str(self.path_)}

    def lines(self) -> list[Line]:
        if not self.path_.exists():
            return []
        return [Line(text) for text in self.path_.read_text().splitlines()]

    def texts(self) -> list[str]:
        return [line.text for line in self.lines()]

    def wait_for(self, text: str) -> list[Line]:
        """All lines, once a line equal to `text` was written (fails after the I/O deadline)."""
        found = harness.wait_until(lambda: text in self.texts())
        assert found, f"no recorder line {text!r}; got:\n" + "\n".join(self.texts())
        return self.lines()


@pytest.fixture
def recording(tmp_path) -> Recording:
    return Recording(tmp_path / "global-recorder.log")


@pytest.fixture
def recorder_image(lintel_env) -> Path:
    return lintel_env.test_module(MODULE)


def make_config(lintel, tmp_path: Path, image: Path, names: Sequence[str],
                request_modules: Optional[Sequence[str]] = None, *,
                second_app: bool = True) -> tuple[harness.Config, int, dict[str, Path]]:
    """Every name in <globalModules>; `request_modules` (default: all) in <modules>; the first of
    them is the handler for every path. With `second_app`, the site also has an application /app2
    with its own physical directory. Returns the config, the port and
    {application path: physical path}."""
    request_modules = list(names if request_modules is None else request_modules)
    handlers = []
    if request_modules:
        handlers.append(harness.Handler("GlobalRecorderHandler", request_modules[0]))
    config, port = lintel.config(global_modules=[(name, image) for name in names],
                                 modules=request_modules, handlers=handlers)
    applications = {"/": lintel.site_dir}
    if second_app:
        app2_dir = tmp_path / "app2-site"
        app2_dir.mkdir(exist_ok=True)
        root_app_end = "        </application>\n"
        assert config.text.count(root_app_end) == 1, "harness config layout changed"
        app2 = ('        <application path="/app2">\n'
                f'          <virtualDirectory path="/" physicalPath={quoteattr(str(app2_dir))} />\n'
                "        </application>\n")
        config = harness.write_config(config.path.parent,
                                      config.text.replace(root_app_end, root_app_end + app2),
                                      config.path.name)
        applications["/app2"] = app2_dir
    return config, port, applications


def same_path(reported: str, expected: Path) -> bool:
    return reported.rstrip("/") == str(expected).rstrip("/")


def application_lines(lines: Sequence[Line], event: str, module: str) -> list[Line]:
    return [line for line in lines if line.event == event and line.module == module]


def physical_path_of(line: Line) -> str:
    """ApplicationStart/Stop details are "<config path> <physical path>"."""
    config_path, _, physical = line.details.partition(" ")
    assert config_path and physical, f"malformed application line {line!r}"
    return physical


def get_ok(port: int, path: str, headers: Optional[dict[str, str]] = None) -> harness.Reply:
    reply = harness.request(port, "GET", path, headers=headers)
    assert reply.status == 200, f"GET {path}: {reply.status} {reply.body[:200]!r}"
    return reply


def unique_path(prefix: str = "/") -> str:
    return f"{prefix}gr-{uuid.uuid4().hex[:12]}"


# --------------------------------------------------------------------------------------------------
# RegisterModule
# --------------------------------------------------------------------------------------------------

def test_register_module_gets_version_10_and_config_name(lintel, tmp_path, recorder_image,
                                                         recording):
    names = ["GlobalRecorder", "second-recorder"]
    config, port, _ = make_config(lintel, tmp_path, recorder_image, names, second_app=False)
    lintel.start(config, port, env=recording.env)

    registered = [line for line in recording.lines() if line.event == "RegisterModule"]
    assert [line.module for line in registered] == names, \
        f"RegisterModule calls (GetName) {registered} do not match the configured names {names}"
    for line in registered:
        assert line.details == f"version=10 name={line.module}", \
            f"RegisterModule got {line.details!r}; expected dwServerVersion 10"


# --------------------------------------------------------------------------------------------------
# Applications and requests
# --------------------------------------------------------------------------------------------------

def test_application_start_for_every_application_before_first_request(lintel, tmp_path,
                                                                     recorder_image, recording):
    config, port, applications = make_config(lintel, tmp_path, recorder_image, ["GlobalRecorder"])
    lintel.start(config, port, env=recording.env)
    first = unique_path()
    in_app2 = unique_path("/app2/")
    get_ok(port, first)
    get_ok(port, in_app2)

    lines = recording.wait_for(f"GlobalRecorder PreBeginRequest {in_app2}")
    starts = application_lines(lines, "ApplicationStart", "GlobalRecorder")
    reported = sorted(physical_path_of(line) for line in starts)
    assert len(starts) == len(applications), f"ApplicationStart calls: {starts}"
    for app_path, physical in applications.items():
        assert any(same_path(path, physical) for path in reported), \
            f"no ApplicationStart for application {app_path} ({physical}); got {starts}"
    config_paths = {line.details.partition(" ")[0] for line in starts}
    assert len(config_paths) == len(applications), f"applications not told apart: {starts}"

    texts = [line.text for line in lines]
    first_request = texts.index(f"GlobalRecorder PreBeginRequest {first}")
    assert all(texts.index(line.text) < first_request for line in starts), \
        "an ApplicationStart came after the first request:\n" + "\n".join(texts)
    assert not application_lines(lines, "ApplicationStop", "GlobalRecorder"), \
        "ApplicationStop while the server is running"


def test_pre_begin_request_runs_before_the_request_pipeline(lintel, tmp_path, recorder_image,
                                                            recording):
    config, port, _ = make_config(lintel, tmp_path, recorder_image, ["GlobalRecorder"],
                                  second_app=False)
    lintel.start(config, port, env=recording.env)
    path = unique_path() + "?q=1"
    reply = get_ok(port, path)
    assert reply.body == b"global-recorder GlobalRecorder\n"

    texts = [line.text for line in recording.wait_for("GlobalRecorder Dispose")]
    expected = [f"GlobalRecorder PreBeginRequest {path}", f"GlobalRecorder BeginRequest {path}",
                f"GlobalRecorder ExecuteRequestHandler {path}", "GlobalRecorder Dispose"]
    request_lines = [text for text in texts if text in expected]
    assert request_lines == expected, "request lines out of order:\n" + "\n".join(texts)


def test_dispose_once_per_request_and_module(lintel, tmp_path, recorder_image, recording):
    names = ["RecorderA", "RecorderB"]
    config, port, _ = make_config(lintel, tmp_path, recorder_image, names, second_app=False)
    lintel.start(config, port, env=recording.env)
    requests = 3
    for _ in range(requests):
        get_ok(port, unique_path())

    def disposes() -> dict[str, int]:
        lines = recording.lines()
        return {name: len([l for l in lines if l.module == name and l.event == "Dispose"])
                for name in names}

    harness.wait_until(lambda: all(count >= requests for count in disposes().values()))
    assert disposes() == {name: requests for name in names}


# --------------------------------------------------------------------------------------------------
# Priorities and GL_NOTIFICATION_HANDLED
# --------------------------------------------------------------------------------------------------

def pre_begin_modules(recording: Recording, path: str, expected_count: int) -> list[str]:
    """Modules that saw GL_PRE_BEGIN_REQUEST for `path`, in call order. The notification runs before
    the response is sent, so the wait only guards against a slow file system."""
    def matching() -> list[Line]:
        return [line for line in recording.lines()
                if line.event == "PreBeginRequest" and line.details == path]
    harness.wait_until(lambda: len(matching()) >= expected_count)
    return [line.module for line in matching()]


@pytest.mark.parametrize("high_priority", [False, True], ids=["config-order", "high-first"])
def test_global_priority_orders_pre_begin_request(lintel, tmp_path, recorder_image, recording,
                                                  high_priority):
    # Configuration order puts the MEDIUM instance first; HIGH must overtake it.
    names = ["GrMedium", "GrHigh"]
    env = dict(recording.env)
    if high_priority:
        env["GLOBAL_RECORDER_PRIORITY_GRHIGH"] = "HIGH"
    config, port, _ = make_config(lintel, tmp_path, recorder_image, names, second_app=False)
    lintel.start(config, port, env=env)
    path = unique_path()
    get_ok(port, path)

    order = pre_begin_modules(recording, path, 2)
    expected = ["GrHigh", "GrMedium"] if high_priority else ["GrMedium", "GrHigh"]
    assert order == expected


@pytest.mark.parametrize("handled_by", ["GrHigh", "GrMedium"])
def test_handled_pre_begin_request_stops_later_global_modules(lintel, tmp_path, recorder_image,
                                                             recording, handled_by):
    names = ["GrMedium", "GrHigh"]
    env = dict(recording.env)
    env["GLOBAL_RECORDER_PRIORITY_GRHIGH"] = "HIGH"
    env[f"GLOBAL_RECORDER_HANDLED_{handled_by.upper()}"] = "PreBeginRequest"
    config, port, _ = make_config(lintel, tmp_path, recorder_image, names, second_app=False)
    lintel.start(config, port, env=env)
    path = unique_path()
    get_ok(port, path)  # HANDLED ends the global notification, not the request

    lines = recording.wait_for("GrMedium Dispose")
    pre_begin = [line.module for line in lines
                 if line.event == "PreBeginRequest" and line.details == path]
    if handled_by == "GrHigh":
        # GrHigh runs first and handles it: GrMedium must not see it.
        assert pre_begin == ["GrHigh"]
    else:
        # The handler is last in line: nobody after it to skip.
        assert pre_begin == ["GrHigh", "GrMedium"]
    begin = {line.module for line in lines if line.event == "BeginRequest" and line.details == path}
    assert begin == set(names), "the request pipeline did not run after a handled PreBeginRequest"


# --------------------------------------------------------------------------------------------------
# Custom notifications
# --------------------------------------------------------------------------------------------------

def test_server_custom_notification_reaches_every_global_module(lintel, tmp_path, recorder_image,
                                                                recording):
    # Only Raiser is a request module, so exactly one notification is raised per request.
    config, port, _ = make_config(lintel, tmp_path, recorder_image, ["Raiser", "Listener"],
                                  request_modules=["Raiser"], second_app=False)
    lintel.start(config, port, env=recording.env)

    quiet = unique_path()
    get_ok(port, quiet)
    recording.wait_for("Raiser Dispose")
    assert not [line for line in recording.lines() if line.event in ("Custom", "RaiseCustom")], \
        "a custom notification without X-Raise-Custom"

    path = unique_path()
    get_ok(port, path, headers={"X-Raise-Custom": "1"})
    harness.wait_until(lambda: len([t for t in recording.texts() if t == "Raiser Dispose"]) == 2)
    texts = recording.texts()
    begin = texts.index(f"Raiser BeginRequest {path}")
    raised = texts.index("Raiser RaiseCustom status=0")
    handler = texts.index(f"Raiser ExecuteRequestHandler {path}")
    custom = [text for text in texts[begin:raised] if " Custom " in text]
    assert sorted(custom) == [f"Listener Custom {CUSTOM_TYPE} own=1",
                              f"Raiser Custom {CUSTOM_TYPE} own=1"], \
        "custom notification not delivered synchronously to both global modules:\n" + \
        "\n".join(texts)
    assert begin < raised < handler
    assert len([t for t in texts if " Custom " in t]) == 2, "custom notification delivered twice"


def test_handled_custom_notification_stops_later_global_modules(lintel, tmp_path, recorder_image,
                                                                recording):
    env = dict(recording.env)
    env["GLOBAL_RECORDER_PRIORITY_LISTENER"] = "FIRST"
    env["GLOBAL_RECORDER_HANDLED_LISTENER"] = "Custom"
    config, port, _ = make_config(lintel, tmp_path, recorder_image, ["Raiser", "Listener"],
                                  request_modules=["Raiser"], second_app=False)
    lintel.start(config, port, env=env)
    get_ok(port, unique_path(), headers={"X-Raise-Custom": "1"})

    lines = recording.wait_for("Raiser Dispose")
    custom = [line.text for line in lines if line.event == "Custom"]
    assert custom == [f"Listener Custom {CUSTOM_TYPE} own=1"]
    assert any(line.event == "RaiseCustom" for line in lines)


# --------------------------------------------------------------------------------------------------
# Shutdown
# --------------------------------------------------------------------------------------------------

def stop_with(server: harness.LintelServer, sig: int = signal.SIGTERM) -> None:
    code = server.stop(sig)
    assert code == 0, f"lintel exited with {code} on {signal.Signals(sig).name}\n{server.stderr()}"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_shutdown_order(lintel, tmp_path, recorder_image, recording, sig):
    config, port, applications = make_config(lintel, tmp_path, recorder_image, ["GlobalRecorder"])
    server = lintel.start(config, port, env=recording.env)
    get_ok(port, unique_path())
    recording.wait_for("GlobalRecorder Dispose")
    before = len(recording.lines())

    stop_with(server, sig)

    after = recording.lines()[before:]
    events = [line.event for line in after]
    assert events == ["StopListening", "ApplicationStop", "ApplicationStop", "FactoryTerminate",
                      "GlobalTerminate"], "shutdown order:\n" + "\n".join(l.text for l in after)
    assert after[0].details in ("drain=0", "drain=1"), after[0]
    stopped = [physical_path_of(line) for line in after[1:3]]
    for app_path, physical in applications.items():
        assert any(same_path(path, physical) for path in stopped), \
            f"no ApplicationStop for application {app_path} ({physical}); got {after[1:3]}"


def test_sigterm_shutdown_phases_with_two_modules(lintel, tmp_path, recorder_image, recording):
    names = ["RecorderA", "RecorderB"]
    config, port, applications = make_config(lintel, tmp_path, recorder_image, names)
    server = lintel.start(config, port, env=recording.env)
    get_ok(port, unique_path())
    harness.wait_until(lambda: len([l for l in recording.lines() if l.event == "Dispose"]) == 2)
    before = len(recording.lines())

    stop_with(server)

    after = recording.lines()[before:]
    phase = {"StopListening": 0, "ApplicationStop": 1, "FactoryTerminate": 2, "GlobalTerminate": 2}
    phases = [phase.get(line.event, -1) for line in after]
    assert -1 not in phases and phases == sorted(phases), \
        "shutdown lines out of phase:\n" + "\n".join(l.text for l in after)
    for name in names:
        mine = [line.event for line in after if line.module == name]
        assert mine == ["StopListening"] + ["ApplicationStop"] * len(applications) + \
            ["FactoryTerminate", "GlobalTerminate"], f"{name}: {mine}"


def test_check_does_not_stop_applications_it_never_started(lintel, lintel_bin, tmp_path,
                                                           recorder_image, recording):
    config, _, _ = make_config(lintel, tmp_path, recorder_image, ["GlobalRecorder"])
    result = harness.run_lintel(lintel_bin, ["--config", str(config.path), "--check"],
                                env=recording.env)
    assert result.returncode == 0, result.stderr

    events = [line.event for line in recording.lines()]
    assert events.count("RegisterModule") == 1
    # What the server took in RegisterModule it gives back, even when it only checked.
    assert events[-2:] == ["FactoryTerminate", "GlobalTerminate"], events
    assert events.count("ApplicationStop") == events.count("ApplicationStart"), \
        f"--check: GL_APPLICATION_STOP without GL_APPLICATION_START: {events}"


def test_failed_listen_does_not_stop_applications_it_never_started(lintel, lintel_bin, tmp_path,
                                                                   recorder_image, recording):
    # The port is taken (without SO_REUSEPORT), so lintel loads the modules and then cannot listen.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        config, _ = lintel.config(global_modules=[("GlobalRecorder", recorder_image)],
                                  handlers=[harness.Handler("H", "GlobalRecorder")], port=taken)
        result = harness.run_lintel(lintel_bin, ["--config", str(config.path)], env=recording.env)
    assert result.returncode != 0, f"lintel ran on a port that was taken:\n{result.stderr}"

    events = [line.event for line in recording.lines()]
    assert events[:1] == ["RegisterModule"], events
    assert events[-2:] == ["FactoryTerminate", "GlobalTerminate"], events
    assert events.count("ApplicationStop") == events.count("ApplicationStart"), \
        f"failed start: GL_APPLICATION_STOP without GL_APPLICATION_START: {events}"
