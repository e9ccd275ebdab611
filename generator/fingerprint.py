"""One hash of the package's code: the modules a stage imports, found by reading the imports.

    imported(*roots) -> [Path]      every module of the package that the roots import, directly or not
    code_hash(*roots) -> str        a hash of those files (their names and bytes)

No list of files is kept by hand: a module a stage starts to import is hashed from
then on. Imports are read from the text, at any depth in a file (an import inside a
function counts), so the set does not depend on what a process happened to import.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# The stages' entry points (module names relative to the package).
# Turning a source's bytes into a Briefing: analysing (pipeline), the model (nlp), the cache
# record (records) and re-reading undated articles against a bound (collection.place_undated).
EXTRACTION = ("pipeline", "nlp", "records", "collection")
# The whole build: every module whose change can change a generated Markdown page.
BUILD = ("build",)
# The HTML stage (MkDocs, search index, swap) and the hook MkDocs loads by its path (not
# imported): their change changes the HTML, not the Markdown.
HTML = ("publish", "mkdocs_hook")

# An import statement, at any indentation: `from X import names` (names in parentheses may span
# lines) or `import a.b, c`. Read with a pattern, not ast: on the shared 2-core machine ast.parse
# of the package took 0.65-1.1 s, the pattern 30-40 ms. A match inside a string only adds a file.
IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]+)|import[ \t]+([^\n#;]+))", re.M)
# (path, mtime_ns, size) -> the package modules the file imports: a build asks three times.
_imports_memo: dict[tuple[Path, int, int], frozenset[str]] = {}
_hash_memo: dict[tuple, str] = {}  # the files' (path, mtime_ns, size) -> code_hash


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by its dotted name relative to the package ("extract.actors"; "" for
    the package's own __init__.py)."""
    found = {}
    for f in package.rglob("*.py"):
        parts = f.relative_to(package).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    return found


def imports_of(f: Path, package: Path = PACKAGE) -> frozenset[str]:
    """Modules of the package that f imports, relative or as `generator.x`, at any depth in the file."""
    st = f.stat()
    memo_key = (f, st.st_mtime_ns, st.st_size)
    if memo_key in _imports_memo:
        return _imports_memo[memo_key]
    here = list(f.parent.relative_to(package).parts)
    found: set[str] = set()
    for source, names, plain in IMPORT.findall(f.read_text(encoding="utf-8").replace("\\\n", " ")):
        if plain:  # import generator.a.b, ...
            for name in plain.split(","):
                parts = name.split()[0].split(".") if name.split() else []
                if parts and parts[0] == package.name:
                    found.update(".".join(parts[1:i + 1]) for i in range(1, len(parts)))
            continue
        level = len(source) - len(source.lstrip("."))
        module = [p for p in source.lstrip(".").split(".") if p]
        if level:
            base = here[:len(here) - level + 1] + module
        elif module and module[0] == package.name:
            base = module[1:]
        else:
            continue
        for prefix in range(1, len(base) + 1):  # importing a.b.c runs a/ and a/b/ __init__ too
            found.add(".".join(base[:prefix]))
        found.update(".".join(base + [n.split()[0]]) 
                     for n in re.sub(r"#[^\n]*", "", names).strip("() \t\n").split(",") if n.split())
    _imports_memo[memo_key] = result = frozenset(found)
    return result


def imported(*roots: str, package: Path = PACKAGE) -> list[Path]:
    """The files of the roots and of every package module they import, directly or not; sorted."""
    files = modules(package)
    seen: set[str] = set()
    todo = list(roots) + [""]  # "": the package's __init__.py, if it has one (run before any module)
    while todo:
        name = todo.pop()
        if name in seen or name not in files:  # seen, or a name imported from a module
            continue
        seen.add(name)
        todo.extend(imports_of(files[name], package))
    return sorted(files[name] for name in seen)


def code_hash(*roots: str, package: Path = PACKAGE) -> str:
    """A hash of the code the roots run: the names (relative to the package) and bytes of imported()."""
    files = imported(*roots, package=package)
    stats = tuple((f, st.st_mtime_ns, st.st_size) for f in files for st in (f.stat(),))
    if stats not in _hash_memo:
        h = hashlib.sha256()
        for f in files:
            h.update(f.relative_to(package).as_posix().encode() + b"\0" + f.read_bytes())
        _hash_memo[stats] = h.hexdigest()
    return _hash_memo[stats]
