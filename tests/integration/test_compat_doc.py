"""docs/compat.md stays complete and honest: every method the SDK declares has a row with a status,
and every test a row (or a decision) names exists.

Needs no server and no build: it reads sdk/include/{httpserv,httpcach,iiswebsocket}.h,
docs/compat.md and the test sources. Stdlib only.

What counts as a method: every member function declared in a class body of those headers (pure
virtuals, virtuals with a default body such as CHttpModule's handlers, the virtual destructor, and
the inline non-virtual members such as ISendResponseProvider's extra SetLogData). Every *virtual*
member must have a row; every row must name a declared member. Overloads are told apart by their
parameter types (and const), so each overload has its own row.

compat.md format, as parsed here (only the "## Interfaces" part holds method rows):
    ### ClassName ...                         one section per class, SDK declaration order
    | `Name(T1, T2) const` | **status** | notes | `file::test` ... |
Parameter types are written without names or defaults, as the header declares them. Status is one
of implemented / partial / not. Test references are backquoted `file::name`:
    test_x.py::test_name          tests/integration/test_x.py, a `def test_name(`
    x_test.cpp::Suite.Name        tests/unit/x_test.cpp, a TEST(Suite, Name) (or TEST_F/TEST_P)
    other.cpp::identifier         tests/modules/ or sdk/samples/: the identifier occurs in the file
An implemented or partial row without a reference must say "untested". The summary table's counts
must match the rows, and the Decisions table must have a row for each decision 1-14 of
semantics.md §11 that names a test or says "untested".
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Optional

REPO_ROOT = Path(__file__).resolve().parents[2]
SDK_INCLUDE = REPO_ROOT / "sdk" / "include"
HEADERS = ["httpserv.h", "httpcach.h", "iiswebsocket.h"]
COMPAT_DOC = REPO_ROOT / "docs" / "compat.md"
STATUSES = ("implemented", "partial", "not")

# Where a short test reference is looked up.
INTEGRATION_DIR = REPO_ROOT / "tests" / "integration"
UNIT_DIR = REPO_ROOT / "tests" / "unit"
MODULE_DIRS = [REPO_ROOT / "tests" / "modules", REPO_ROOT / "sdk" / "samples"]


# --------------------------------------------------------------------------------------------------
# C++ header parsing (just enough for the SDK's class declarations)
# --------------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Method:
    cls: str
    name: str
    params: tuple[str, ...]   # normalised parameter types, names and defaults removed
    const: bool
    virtual: bool
    header: str

    def signature(self) -> str:
        text = f"{self.name}({', '.join(self.params)})"
        return text + " const" if self.const else text


def strip_comments(text: str) -> str:
    """Removes // and /* */ comments, keeping string literals and line structure."""
    out = []
    i = 0
    while i < len(text):
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = len(text) if end < 0 else end + 2
            out.append("\n" * text.count("\n", i, end))
            i = end
        elif text[i] in "\"'":
            quote = text[i]
            j = i + 1
            while j < len(text) and text[j] != quote:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def matching(text: str, index: int) -> int:
    """Index of the bracket that closes the one at `index`."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    opening, closing = text[index], pairs[text[index]]
    depth = 0
    j = index
    while j < len(text):
        char = text[j]
        if char in "\"'":
            # skip a string or character literal: brackets inside it do not count
            k = j + 1
            while k < len(text) and text[k] != char:
                k += 2 if text[k] == "\\" else 1
            j = k + 1
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise ValueError(f"unbalanced {opening!r} at offset {index}")


def split_top_level(text: str, separator: str = ",") -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "([{<":
            depth += 1
        elif char in ")]}>":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


TOKEN = re.compile(r"[A-Za-z_]\w*|::|\*|&|\[[^\]]*\]")
QUALIFIERS = {"const", "volatile", "unsigned", "signed", "struct", "class", "enum"}


def normalize_type(parameter: str) -> str:
    """`PCSTR knownHeaderSnapshot[N] = NULL` -> `PCSTR[]`; `const GUID& Version1` -> `const GUID&`.
    Also used for the types written in compat.md, which carry no names."""
    parameter = split_top_level(parameter, "=")[0]
    tokens = TOKEN.findall(parameter)
    array = [t for t in tokens if t.startswith("[")]
    tokens = [t for t in tokens if not t.startswith("[")]
    words = [t for t in tokens if re.match(r"[A-Za-z_]", t)]
    # A trailing identifier after a complete type is the parameter's name.
    if len(words) >= 2 and tokens and re.match(r"[A-Za-z_]", tokens[-1]) \
            and tokens[-2] != "::" and tokens[-1] not in QUALIFIERS \
            and not all(w in QUALIFIERS for w in words[:-1]):
        tokens = tokens[:-1]
    text = ""
    for token in tokens:
        if text and re.match(r"[A-Za-z_]", token) and re.match(r".*[A-Za-z_0-9]$", text):
            text += " "
        text += token
    return text + "[]" * len(array)


def parse_parameters(text: str) -> tuple[str, ...]:
    text = text.strip()
    if text in ("", "VOID", "void"):
        return ()
    return tuple(normalize_type(part) for part in split_top_level(text))


def parse_class_body(cls: str, body: str, header: str) -> list[Method]:
    methods = []
    body = re.sub(r"\[\[.*?\]\]", " ", body, flags=re.S)   # [[deprecated(...)]]
    i = 0
    statement_start = 0
    while i < len(body):
        char = body[i]
        if char == "{":
            # An inline body: the statement before it is a definition.
            end = matching(body, i)
            methods.extend(parse_declaration(cls, body[statement_start:i], header))
            i = end + 1
            statement_start = i
            continue
        if char == ";":
            methods.extend(parse_declaration(cls, body[statement_start:i], header))
            statement_start = i + 1
        elif char == ":" and body[i:i + 2] != "::" and body[i - 1:i + 1] != "::":
            # access label ("public:") — but not a constructor's initializer list
            head = body[statement_start:i].strip()
            if head in ("public", "protected", "private"):
                statement_start = i + 1
            elif ")" in head:
                # constructor initializer list: cut here, the body brace follows
                methods.extend(parse_declaration(cls, head, header))
                brace = body.find("{", i)
                if brace < 0:
                    raise ValueError(f"{cls}: initializer list without a body")
                i = matching(body, brace) + 1
                statement_start = i
                continue
        i += 1
    return methods


def parse_declaration(cls: str, text: str, header: str) -> list[Method]:
    text = " ".join(text.split())
    if "(" not in text or text.startswith(("typedef", "using", "friend", "static_assert")):
        return []
    open_paren = text.index("(")
    before = text[:open_paren].strip()
    name_match = re.search(r"(~?[A-Za-z_]\w*)\s*$", before)
    if name_match is None:
        return []
    name = name_match.group(1)
    close_paren = matching(text, open_paren)
    after = text[close_paren + 1:]
    is_virtual = re.search(r"\bvirtual\b", before) is not None
    is_const = re.match(r"\s*const\b", after) is not None
    return [Method(cls, name, parse_parameters(text[open_paren + 1:close_paren]), is_const,
                   is_virtual, header)]


CLASS_HEAD = re.compile(r"\bclass\s+([A-Za-z_]\w*)\s*(?::\s*public\s+[A-Za-z_]\w*\s*)?\{")


def parse_header_text(text: str, header: str) -> dict[str, list[Method]]:
    """Class name -> its member functions in declaration order (classes in declaration order)."""
    text = strip_comments(text)
    classes: dict[str, list[Method]] = {}
    for match in CLASS_HEAD.finditer(text):
        brace = match.end() - 1
        body = text[brace + 1:matching(text, brace)]
        classes[match.group(1)] = parse_class_body(match.group(1), body, header)
    return classes


def sdk_classes() -> dict[str, list[Method]]:
    classes: dict[str, list[Method]] = {}
    for header in HEADERS:
        parsed = parse_header_text((SDK_INCLUDE / header).read_text(), header)
        for name, methods in parsed.items():
            assert name not in classes, f"class {name} declared twice"
            classes[name] = methods
    return classes


# --------------------------------------------------------------------------------------------------
# compat.md parsing
# --------------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Row:
    cls: str
    cell: str                  # the method cell, backquotes removed
    name: str
    params: Optional[tuple[str, ...]]   # None when the row gives no parameter list
    const: bool
    status: Optional[str]
    notes: str
    tests_cell: str
    line: int

    def matches(self, method: Method, overloaded: bool) -> bool:
        if self.name != method.name:
            return False
        if self.params is None:
            return not overloaded
        return self.params == method.params and (self.const == method.const or not overloaded)


ROW_SIGNATURE = re.compile(r"^(~?[A-Za-z_]\w*)\s*(?:\((.*)\))?\s*(const)?\s*$")
REFERENCE = re.compile(r"`([\w./-]+\.(?:py|cpp))::([\w.]+)`")


def table_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_status(cell: str) -> Optional[str]:
    found = re.findall(r"\*\*(implemented|partial|not)\*\*", cell)
    return found[0] if len(found) == 1 else None


def parse_doc_text(text: str) -> tuple[dict[str, list[Row]], list[str]]:
    """Class sections -> rows, and the class sections in document order."""
    sections: dict[str, list[Row]] = {}
    order: list[str] = []
    current: Optional[str] = None
    in_interfaces = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("## "):
            in_interfaces = line[3:].strip().lower().startswith("interfaces")
            current = None
            continue
        if not in_interfaces:
            continue
        heading = re.match(r"^### `?([A-Za-z_]\w*)`?", line)
        if heading:
            current = heading.group(1)
            sections.setdefault(current, [])
            order.append(current)
            continue
        if current is None or not line.startswith("|"):
            continue
        cells = table_cells(line)
        first = cells[0]
        if not first.startswith("`"):
            continue   # the header row and the |---| separator
        cell = first.strip("`").strip()
        match = ROW_SIGNATURE.match(cell)
        if match is None:
            raise AssertionError(f"compat.md:{number}: cannot read the method cell {first!r}")
        params = None
        if match.group(2) is not None:
            params = parse_parameters(match.group(2))
        sections[current].append(Row(
            cls=current, cell=cell, name=match.group(1), params=params,
            const=match.group(3) is not None,
            status=parse_status(cells[1]) if len(cells) > 1 else None,
            notes=cells[2] if len(cells) > 2 else "",
            tests_cell=cells[3] if len(cells) > 3 else "", line=number))
    return sections, order


def compat_doc() -> tuple[dict[str, list[Row]], list[str]]:
    return parse_doc_text(COMPAT_DOC.read_text())


# --------------------------------------------------------------------------------------------------
# Test references
# --------------------------------------------------------------------------------------------------

def resolve_reference(file_name: str, test_name: str) -> Optional[str]:
    """None when `file::name` names an existing test (or module function); else why not."""
    if "/" in file_name:
        candidates = [REPO_ROOT / file_name]
    elif file_name.endswith(".py"):
        candidates = [INTEGRATION_DIR / file_name]
    elif file_name.endswith("_test.cpp"):
        candidates = [UNIT_DIR / file_name]
    else:
        candidates = [directory / file_name for directory in MODULE_DIRS]
    existing = [path for path in candidates if path.is_file()]
    if not existing:
        return f"no file {file_name}"
    text = existing[0].read_text(errors="replace")
    if existing[0].suffix == ".py":
        if re.search(rf"^\s*def {re.escape(test_name)}\(", text, re.M) is None:
            return f"{file_name} has no function {test_name}"
        return None
    if existing[0].parent == UNIT_DIR:
        suite, _, case = test_name.partition(".")
        pattern = rf"\bTEST(?:_F|_P)?\(\s*{re.escape(suite)}\s*,\s*{re.escape(case)}\s*\)"
        if not case or re.search(pattern, text) is None:
            return f"{file_name} has no TEST({suite}, {case})"
        return None
    if re.search(rf"\b{re.escape(test_name)}\b", strip_comments(text)) is None:
        return f"{file_name} has no identifier {test_name}"
    return None


# --------------------------------------------------------------------------------------------------
# The tests
# --------------------------------------------------------------------------------------------------

def _virtual_methods(classes: dict[str, list[Method]]) -> list[Method]:
    return [m for methods in classes.values() for m in methods if m.virtual]


def _is_overloaded(method: Method, classes: dict[str, list[Method]]) -> bool:
    return sum(1 for m in classes[method.cls] if m.name == method.name) > 1


def test_header_parser_finds_the_sdk():
    classes = sdk_classes()
    # Guards against a parser that silently finds nothing (and so checks nothing).
    assert len(classes) >= 68, sorted(classes)
    assert len(_virtual_methods(classes)) >= 350
    context = {m.signature() for m in classes["IHttpContext"]}
    assert "GetServerVariable(PCSTR, PCWSTR*, DWORD*)" in context
    assert "GetServerVariable(PCSTR, PCSTR*, DWORD*)" in context
    request = [m.signature() for m in classes["IHttpRequest"]]
    assert request[:2] == ["GetRawHttpRequest()", "GetRawHttpRequest() const"]
    assert "GetHeader(HTTP_HEADER_ID, USHORT*) const" in request


def test_header_parser_handles_the_awkward_cases():
    text = """
        // class NotAClass { virtual void Hidden() = 0; };
        class IThing : public IBase
        {
        public:
            virtual HRESULT Get(PCSTR pszName, USHORT* pcch = NULL) const = 0;
            virtual HRESULT Get(HTTP_HEADER_ID id /* , int ignored */) = 0;
            virtual VOID Plain(VOID) = 0;
            virtual HRESULT Arrays(PCSTR names[HttpHeaderRequestMaximum + 1],
                                   const GUID& Version1, DWORD** ppOut) = 0;
            [[deprecated("use something else")]]
            virtual HRESULT Old(HTTP_CONTEXT_INTERFACE_VERSION version, PVOID* ppOut) = 0;
            virtual REQUEST_NOTIFICATION_STATUS OnThing(IHttpContext* /*pHttpContext*/,
                                                        IHttpEventProvider* /*pProvider*/)
            {
                if (true) { return helper(this, 1, "a;b{"); }
            }
            HRESULT Inline(HTTP_LOG_FIELDS_DATA* pLogData)
            {
                return Get(pLogData != NULL ? "x" : NULL);
            }
        protected:
            IThing() {}
            explicit IThing(int value) : value_(value), other_{value ? 1 : 2} {}
            virtual ~IThing() {}
            int value_;
            int other_;
        };
        """
    methods = parse_header_text(text, "test.h")
    assert list(methods) == ["IThing"]
    got = [(m.signature(), m.virtual) for m in methods["IThing"]]
    assert got == [
        ("Get(PCSTR, USHORT*) const", True),
        ("Get(HTTP_HEADER_ID)", True),
        ("Plain()", True),
        ("Arrays(PCSTR[], const GUID&, DWORD**)", True),
        ("Old(HTTP_CONTEXT_INTERFACE_VERSION, PVOID*)", True),
        ("OnThing(IHttpContext*, IHttpEventProvider*)", True),
        ("Inline(HTTP_LOG_FIELDS_DATA*)", False),
        ("IThing()", False),
        ("IThing(int)", False),
        ("~IThing()", True),
    ]


def test_doc_parser_reads_rows_statuses_and_overloads():
    text = """
## Summary
| `NotARow()` | **implemented** | | |
## Interfaces
### IThing (httpserv.h)
| method | status | notes | tests |
|---|---|---|---|
| `Get(PCSTR, USHORT*) const` | **partial** | no X | `test_a.py::test_b` |
| `Get(HTTP_HEADER_ID, USHORT*) const` | **not** | E_NOTIMPL | |
| `Plain` | implemented | | |
## Decisions
| `Ignored()` | **not** | | |
"""
    sections, order = parse_doc_text(text)
    assert order == ["IThing"]
    rows = sections["IThing"]
    assert [(r.name, r.params, r.const, r.status) for r in rows] == [
        ("Get", ("PCSTR", "USHORT*"), True, "partial"),
        ("Get", ("HTTP_HEADER_ID", "USHORT*"), True, "not"),
        ("Plain", None, False, None),   # status not in bold: not a status
    ]
    assert REFERENCE.findall(rows[0].tests_cell) == [("test_a.py", "test_b")]


def test_every_virtual_method_has_a_row():
    classes = sdk_classes()
    sections, _ = compat_doc()
    missing = []
    for method in _virtual_methods(classes):
        overloaded = _is_overloaded(method, classes)
        rows = sections.get(method.cls, [])
        if not any(row.matches(method, overloaded) for row in rows):
            missing.append(f"{method.header}: {method.cls}::{method.signature()}")
    assert not missing, "methods without a row in docs/compat.md:\n" + "\n".join(missing)


def test_every_row_names_a_declared_method_and_overloads_have_one_row_each():
    classes = sdk_classes()
    sections, _ = compat_doc()
    problems = []
    for cls, rows in sections.items():
        if cls not in classes:
            problems.append(f"section {cls}: no such class in {', '.join(HEADERS)}")
            continue
        for row in rows:
            hits = [m for m in classes[cls] if row.matches(m, _is_overloaded(m, classes))]
            if len(hits) != 1:
                problems.append(f"compat.md:{row.line}: {cls}::{row.cell} matches "
                                f"{len(hits)} declarations "
                                f"({', '.join(m.signature() for m in hits) or 'none'})")
        for method in classes[cls]:
            count = sum(1 for row in rows if row.matches(method, _is_overloaded(method, classes)))
            if count > 1:
                problems.append(f"{cls}::{method.signature()} has {count} rows")
    assert not problems, "\n".join(problems)


def test_every_class_with_virtual_methods_has_a_section_in_declaration_order():
    classes = sdk_classes()
    _, order = compat_doc()
    expected = [name for name, methods in classes.items() if any(m.virtual for m in methods)]
    assert [name for name in order if name in expected] == expected, \
        "class sections missing or out of SDK declaration order"
    assert len(order) == len(set(order)), "a class has two sections"


def test_rows_follow_declaration_order():
    classes = sdk_classes()
    sections, _ = compat_doc()
    problems = []
    for cls, rows in sections.items():
        declared = classes.get(cls, [])
        positions = []
        for row in rows:
            for index, method in enumerate(declared):
                if row.matches(method, _is_overloaded(method, classes)):
                    positions.append(index)
                    break
        if positions != sorted(positions):
            problems.append(cls)
    assert not problems, f"rows out of SDK declaration order in: {problems}"


def test_every_row_has_a_status_and_explains_partial_and_not():
    sections, _ = compat_doc()
    problems = []
    for rows in sections.values():
        for row in rows:
            where = f"compat.md:{row.line}: {row.cls}::{row.cell}"
            if row.status is None:
                problems.append(f"{where}: no status (exactly one of **implemented**, "
                                f"**partial**, **not**)")
            elif row.status in ("partial", "not") and len(row.notes.strip(" -—")) < 4:
                problems.append(f"{where}: a {row.status} row must say what is missing / what "
                                f"it returns")
    assert not problems, "\n".join(problems)


def test_implemented_and_partial_rows_name_a_test_or_say_untested():
    sections, _ = compat_doc()
    problems = []
    for rows in sections.values():
        for row in rows:
            if row.status in ("implemented", "partial") and not REFERENCE.search(row.tests_cell) \
                    and "untested" not in row.tests_cell.lower():
                problems.append(f"compat.md:{row.line}: {row.cls}::{row.cell}")
    assert not problems, "rows without a covering test (write 'untested' if there is none):\n" + \
        "\n".join(problems)


def test_every_referenced_test_exists():
    text = COMPAT_DOC.read_text()
    problems = []
    references = 0
    for number, line in enumerate(text.splitlines(), start=1):
        for file_name, test_name in REFERENCE.findall(line):
            references += 1
            why = resolve_reference(file_name, test_name)
            if why is not None:
                problems.append(f"compat.md:{number}: `{file_name}::{test_name}`: {why}")
    assert references > 100, "compat.md names almost no tests"
    assert not problems, "\n".join(problems)


def test_summary_counts_match_the_rows():
    sections, _ = compat_doc()
    text = COMPAT_DOC.read_text()
    summary = text[text.index("## Summary"):]
    summary = summary[:summary.index("\n## ", 1)]
    problems = []
    listed = set()
    totals = {status: 0 for status in STATUSES}
    for line in summary.splitlines():
        cells = table_cells(line) if line.startswith("|") else []
        if len(cells) < 4 or not cells[1].isdigit():
            continue
        name = cells[0].strip("`* ")
        counts = dict(zip(STATUSES, (int(c) for c in cells[1:4])))
        if name.lower() == "total":
            if counts != totals:
                problems.append(f"total row {counts} != sum {totals}")
            continue
        listed.add(name)
        rows = sections.get(name)
        if rows is None:
            problems.append(f"summary lists {name}, which has no section")
            continue
        actual = {status: sum(1 for r in rows if r.status == status) for status in STATUSES}
        if counts != actual:
            problems.append(f"{name}: summary says {counts}, rows say {actual}")
        for status in STATUSES:
            totals[status] += counts[status]
    missing = set(sections) - listed
    if missing:
        problems.append(f"summary lacks {sorted(missing)}")
    assert not problems, "\n".join(problems)


def test_decisions_section_covers_all_fourteen():
    text = COMPAT_DOC.read_text()
    start = text.index("## Decisions")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end > 0 else len(text)]
    problems = []
    for number in range(1, 15):
        entry = re.search(rf"^\|\s*{number}\s*\|(.*)$", section, re.M)
        if entry is None:
            problems.append(f"decision {number}: no row")
        elif not REFERENCE.search(entry.group(1)) and "untested" not in entry.group(1).lower():
            problems.append(f"decision {number}: names no test (write 'untested' if there is none)")
    assert not problems, "\n".join(problems)
