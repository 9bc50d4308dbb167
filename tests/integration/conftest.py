"""Fixtures for Lintel's integration tests.

scripts/test sets these variables; for a hand run, an unset one falls back as shown:

    LINTEL_BIN              server binary           build/debug/src/main/lintel, else
                                                    build/debug/src/lintel
    LINTEL_PREFIX           install prefix          only used to derive the defaults below
    LINTEL_SDK_INCLUDE      SDK headers             $LINTEL_PREFIX/include/lintel, else sdk/include
    LINTEL_TEST_MODULES     tests/modules/*.so      build/debug/tests/modules
    LINTEL_EXAMPLE_MODULES  hello.so and friends    $LINTEL_PREFIX/lib/lintel/modules, else
                                                    build/debug/install/lib/lintel/modules
    LINTEL_SHARED           shared folder (seeds/)  ../shared next to the repository

A variable that is set is trusted: anything missing under it fails the test that needs it, naming
the variable. When a module-directory variable is unset and the default directory lacks the module,
the module is compiled from its source into a per-session temporary directory, so a hand run works
before the build has those targets. The pytest header shows how every variable was resolved.

Run: python3 -m pytest -q tests/integration   (a python3 that has pytest: Debian's /usr/bin/python3)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, Sequence

import pytest

# Keep the repository free of bytecode for everything imported after this point.
sys.dont_write_bytecode = True

# The harness sits next to this file; pytest puts this directory on sys.path (no package here).
import lintel_harness as harness  # noqa: E402


def pytest_report_header(config):
    # Resolution itself touches nothing on disk, so it is safe before the session's fixtures exist.
    notes = harness.LintelEnv(lambda: Path("/nonexistent")).describe()
    return ["lintel environment: " + "; ".join(notes)]


@pytest.fixture(scope="session")
def lintel_env(tmp_path_factory) -> harness.LintelEnv:
    return harness.LintelEnv(lambda: tmp_path_factory.mktemp("fallback-modules"))


@pytest.fixture(scope="session")
def lintel_bin(lintel_env) -> Path:
    return lintel_env.binary()


class ServerFactory:
    """Builds configurations and starts servers for one test; stops every server it started."""

    def __init__(self, env: harness.LintelEnv, workdir: Path) -> None:
        self.env_ = env
        self.workdir_ = workdir
        self.servers_: list[harness.LintelServer] = []
        self.site_dir_ = workdir / "site"
        self.site_dir_.mkdir(exist_ok=True)

    @property
    def site_dir(self) -> Path:
        return self.site_dir_

    def config(self, *, global_modules: Sequence[tuple[str, Path]],
               modules: Optional[Sequence[str]] = None, handlers: Sequence[harness.Handler] = (),
               port: Optional[int] = None, binding_information: Optional[str] = None,
               name: str = "applicationHost.config") -> tuple[harness.Config, int]:
        port = port if port is not None else harness.free_port()
        text = harness.render_config(port=port, physical_path=self.site_dir_,
                                     global_modules=global_modules, modules=modules,
                                     handlers=handlers, binding_information=binding_information)
        return harness.write_config(self.workdir_, text, name), port

    def start(self, config: harness.Config, port: int, *, env: Optional[dict[str, str]] = None,
              threads: Optional[int] = None) -> harness.LintelServer:
        server = harness.LintelServer(self.env_.binary(), config, port, self.workdir_, env, threads)
        self.servers_.append(server)
        server.start()
        return server

    def stop_all(self) -> list[str]:
        """Stops every server; returns the problems that must fail the test: a sanitizer report in a server's
        stderr, or a server that was still running and did not exit cleanly on SIGTERM."""
        problems = []
        for server in self.servers_:
            was_running = server.is_running()
            code = server.stop()
            # Shown by pytest only when the test failed: the server's side of the story.
            print(f"--- lintel on port {server.port} exited with {code}; stderr ---")
            text = server.stderr()
            print(text)
            for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"):
                if marker in text:
                    problems.append(f"lintel on port {server.port}: sanitizer report ({marker})")
            if was_running and code != 0:
                problems.append(f"lintel on port {server.port} exited with {code} on SIGTERM")
        return problems


@pytest.fixture
def lintel(lintel_env, tmp_path) -> ServerFactory:
    factory = ServerFactory(lintel_env, tmp_path)
    yield factory
    problems = factory.stop_all()
    if problems:
        pytest.fail("; ".join(problems))
