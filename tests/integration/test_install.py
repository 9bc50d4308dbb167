"""The install tree (`cmake --install`, at $LINTEL_PREFIX): the binary, the SDK headers, the example
module, the CMake package and the default configuration; then what a module author does with it: an
out-of-tree CMake project that calls find_package(Lintel) and lintel_add_module(), builds with Ninja
and serves a request through the module it built — once in C++17 (the default) and once with
CXX_STANDARD 14 for legacy code that uses dynamic exception specifications (`throw(int)`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Sequence

import pytest

import lintel_harness as harness

SDK_HEADERS = ["httpserv.h", "windows.h", "http.h", "sal.h", "httpcach.h", "httptrace.h",
               "winerror.h", "strsafe.h", "tchar.h"]


@pytest.fixture(scope="session")
def prefix() -> Path:
    value = os.environ.get("LINTEL_PREFIX")
    path = Path(value).absolute() if value else harness.DEFAULT_PREFIX
    origin = "LINTEL_PREFIX" if value else "default for unset LINTEL_PREFIX"
    if not path.is_dir():
        pytest.fail(f"install prefix {path} ({origin}) does not exist; run cmake --install",
                    pytrace=False)
    return path


# --------------------------------------------------------------------------------------------------
# The tree
# --------------------------------------------------------------------------------------------------

def test_installed_binary(prefix):
    binary = prefix / "bin" / "lintel"
    assert binary.is_file() and os.access(binary, os.X_OK), f"{binary} missing or not executable"
    result = harness.run_lintel(binary, ["--version"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("lintel "), result.stdout


@pytest.mark.parametrize("header", SDK_HEADERS)
def test_installed_sdk_header(prefix, header):
    assert (prefix / "include" / "lintel" / header).is_file()


def test_installed_headers_compile_on_their_own(prefix, tmp_path):
    # The installed copy, not the source tree: each header needs only -I <prefix>/include/lintel.
    include = prefix / "include" / "lintel"
    source = tmp_path / "all_headers.cpp"
    source.write_text("".join(f"#include <{header}>\n" for header in SDK_HEADERS))
    result = subprocess.run(["g++", "-std=c++17", "-fsyntax-only", "-I", str(include), str(source)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_installed_example_module(prefix):
    image = prefix / "lib" / "lintel" / "modules" / "hello.so"
    assert image.is_file(), f"{image} missing"
    assert "RegisterModule" in harness.exported_symbols(image)


@pytest.mark.parametrize("name", ["LintelConfig.cmake", "LintelConfigVersion.cmake",
                                  "LintelModule.cmake"])
def test_installed_cmake_package(prefix, name):
    assert (prefix / "lib" / "cmake" / "Lintel" / name).is_file()


def test_installed_default_config_passes_check(prefix):
    config = prefix / "etc" / "lintel" / "applicationHost.config"
    assert config.is_file(), f"{config} missing"
    result = harness.run_lintel(prefix / "bin" / "lintel", ["--config", str(config), "--check"])
    assert result.returncode == 0, f"--check rejected the installed configuration:\n{result.stderr}"


# --------------------------------------------------------------------------------------------------
# An out-of-tree module project
# --------------------------------------------------------------------------------------------------

# A module as an IIS author writes it; the handler answers with a fixed body and a header.
MYMOD_SOURCE = textwrap.dedent("""\
    #define _WINSOCKAPI_
    #include <windows.h>
    #include <sal.h>
    #include <httpserv.h>

    #include <string.h>

    class COutOfTreeModule : public CHttpModule
    {
    public:
        REQUEST_NOTIFICATION_STATUS
        OnExecuteRequestHandler(
            IN IHttpContext * pHttpContext,
            IN IHttpEventProvider * pProvider
        )
        {
            IHttpResponse * pResponse = pHttpContext->GetResponse();
            pResponse->Clear();
            pResponse->SetStatus( 200, "OK" );
            pResponse->SetHeader( "X-Built-With", "find_package(Lintel)", 20, TRUE );
            static char szBody[] = "out-of-tree module says hello\\n";
            HTTP_DATA_CHUNK chunk;
            chunk.DataChunkType = HttpDataChunkFromMemory;
            chunk.FromMemory.pBuffer = szBody;
            chunk.FromMemory.BufferLength = (ULONG)strlen( szBody );
            DWORD cbSent = 0;
            HRESULT hr = pResponse->WriteEntityChunks( &chunk, 1, FALSE, FALSE, &cbSent );
            if ( FAILED( hr ) )
            {
                pProvider->SetErrorStatus( hr );
            }
            return RQ_NOTIFICATION_FINISH_REQUEST;
        }
    };

    class COutOfTreeFactory : public IHttpModuleFactory
    {
    public:
        HRESULT
        GetHttpModule(
            OUT CHttpModule ** ppModule,
            IN IModuleAllocator * pAllocator
        )
        {
            UNREFERENCED_PARAMETER( pAllocator );
            *ppModule = new COutOfTreeModule;
            return S_OK;
        }

        void
        Terminate()
        {
            delete this;
        }
    };

    HRESULT
    __stdcall
    RegisterModule(
        DWORD dwServerVersion,
        IHttpModuleRegistrationInfo * pModuleInfo,
        IHttpServer * pGlobalInfo
    )
    {
        UNREFERENCED_PARAMETER( dwServerVersion );
        UNREFERENCED_PARAMETER( pGlobalInfo );
        return pModuleInfo->SetRequestNotifications(
            new COutOfTreeFactory, RQ_EXECUTE_REQUEST_HANDLER, 0 );
    }
    """)
MYMOD_BODY = b"out-of-tree module says hello\n"

# Legacy C++ as older IIS modules are written: dynamic exception specifications, valid up to C++14
# (an error in C++17). The static_assert proves the standard lintel_add_module() selected.
LEGACY_SOURCE = textwrap.dedent("""\
    #define _WINSOCKAPI_
    #include <windows.h>
    #include <sal.h>
    #include <httpserv.h>

    #include <stdio.h>
    #include <string.h>

    static_assert( __cplusplus == 201402L, "CXX_STANDARD 14 must build as C++14" );

    class CParseError
    {
    public:
        explicit CParseError( int position ) : m_position( position ) {}
        int m_position;
    };

    // Sums the decimal digits of a string; anything else is an error at its position.
    static int SumDigits( const char * psz ) throw( CParseError )
    {
        int sum = 0;
        for ( int i = 0; psz[i] != '\\0'; i++ )
        {
            if ( psz[i] < '0' || psz[i] > '9' )
            {
                throw CParseError( i );
            }
            sum += psz[i] - '0';
        }
        return sum;
    }

    class CLegacyModule : public CHttpModule
    {
    public:
        REQUEST_NOTIFICATION_STATUS
        OnExecuteRequestHandler(
            IN IHttpContext * pHttpContext,
            IN IHttpEventProvider * pProvider
        ) throw()
        {
            IHttpResponse * pResponse = pHttpContext->GetResponse();
            PCSTR pszDigits = pHttpContext->GetRequest()->GetHeader( "X-Digits" );
            int cch = 0;
            try
            {
                cch = snprintf( m_szBody, sizeof( m_szBody ), "sum=%d\\n",
                                SumDigits( pszDigits != NULL ? pszDigits : "" ) );
            }
            catch ( const CParseError & error )
            {
                cch = snprintf( m_szBody, sizeof( m_szBody ), "error at %d\\n", error.m_position );
            }
            pResponse->Clear();
            pResponse->SetStatus( 200, "OK" );
            HTTP_DATA_CHUNK chunk;
            chunk.DataChunkType = HttpDataChunkFromMemory;
            chunk.FromMemory.pBuffer = m_szBody;
            chunk.FromMemory.BufferLength = (ULONG)cch;
            DWORD cbSent = 0;
            HRESULT hr = pResponse->WriteEntityChunks( &chunk, 1, FALSE, FALSE, &cbSent );
            if ( FAILED( hr ) )
            {
                pProvider->SetErrorStatus( hr );
            }
            return RQ_NOTIFICATION_FINISH_REQUEST;
        }

    private:
        char m_szBody[64];
    };

    class CLegacyFactory : public IHttpModuleFactory
    {
    public:
        HRESULT
        GetHttpModule(
            OUT CHttpModule ** ppModule,
            IN IModuleAllocator * pAllocator
        ) throw()
        {
            UNREFERENCED_PARAMETER( pAllocator );
            *ppModule = new CLegacyModule;
            return S_OK;
        }

        void
        Terminate() throw()
        {
            delete this;
        }
    };

    HRESULT
    __stdcall
    RegisterModule(
        DWORD dwServerVersion,
        IHttpModuleRegistrationInfo * pModuleInfo,
        IHttpServer * pGlobalInfo
    )
    {
        UNREFERENCED_PARAMETER( dwServerVersion );
        UNREFERENCED_PARAMETER( pGlobalInfo );
        return pModuleInfo->SetRequestNotifications(
            new CLegacyFactory, RQ_EXECUTE_REQUEST_HANDLER, 0 );
    }
    """)


def run_step(command: Sequence[str], cwd: Path, what: str) -> subprocess.CompletedProcess:
    result = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (f"{what} failed: {' '.join(command)}\n--- stdout ---\n"
                                    f"{result.stdout}\n--- stderr ---\n{result.stderr}")
    return result


def build_project(prefix: Path, root: Path, target: str, source_name: str, source: str,
                  extra_arguments: str = "") -> Path:
    """Writes a one-module CMake project under `root`, configures it with Ninja against `prefix`,
    builds it and returns the module it produced."""
    project = root / "project"
    project.mkdir()
    (project / source_name).write_text(source)
    (project / "CMakeLists.txt").write_text(textwrap.dedent(f"""\
        cmake_minimum_required(VERSION 3.16)
        project(LintelOutOfTree LANGUAGES CXX)
        find_package(Lintel REQUIRED)
        lintel_add_module({target} SOURCES {source_name}{extra_arguments})
        """))
    build = root / "build"
    assert shutil.which("ninja"), "the Ninja generator needs ninja on PATH"
    run_step(["cmake", "-S", str(project), "-B", str(build), "-G", "Ninja",
              f"-DCMAKE_PREFIX_PATH={prefix}"], root, "configure")
    run_step(["cmake", "--build", str(build), "--verbose"], root, "build")
    module = build / f"{target}.so"
    assert module.is_file(), f"the build did not produce {module}: " + \
        ", ".join(sorted(p.name for p in build.iterdir()))
    return module


def serve(lintel, name: str, module: Path) -> int:
    """Starts lintel with `module` as the handler of every path; returns the port."""
    config, port = lintel.config(global_modules=[(name, module)],
                                 handlers=[harness.Handler(f"{name}Handler", name)])
    lintel.start(config, port)
    return port


def test_out_of_tree_module_builds_and_serves(lintel, prefix, tmp_path):
    module = build_project(prefix, tmp_path, "mymod", "mymod.cpp", MYMOD_SOURCE)
    assert "RegisterModule" in harness.exported_symbols(module)

    port = serve(lintel, "MyMod", module)
    reply = harness.request(port, "GET", "/anything/at/all")
    assert reply.status == 200, reply
    assert reply.body == MYMOD_BODY
    assert reply.header("X-Built-With") == "find_package(Lintel)"


def test_out_of_tree_cxx14_module_with_dynamic_exception_specifications(lintel, prefix, tmp_path):
    module = build_project(prefix, tmp_path, "legacy", "legacy.cpp", LEGACY_SOURCE,
                           " CXX_STANDARD 14")
    assert "RegisterModule" in harness.exported_symbols(module)

    port = serve(lintel, "Legacy", module)
    reply = harness.request(port, "GET", "/legacy", headers={"X-Digits": "12345"})
    assert reply.status == 200, reply
    assert reply.body == b"sum=15\n"
    # The exception thrown through the throw(CParseError) function is caught inside the module.
    reply = harness.request(port, "GET", "/legacy", headers={"X-Digits": "12x4"})
    assert reply.status == 200, reply
    assert reply.body == b"error at 2\n"
