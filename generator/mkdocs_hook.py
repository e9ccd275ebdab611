"""A MkDocs hook (the `hooks:` config key) with which one `mkdocs build` renders part of a site.

htmlsite.render runs MkDocs with it, naming a JSON file in $BRIEFINGS_RENDER:

    only         the docs/ files to write (pages and others); every other file is excluded
    share        [k, n]: write the pages whose path hashes to k (mod n), and the other files when k is 0
    removed      docs/ files deleted since the live site was built
    outputs      where to write the site paths of `only` and `removed` (what a dirty build replaces)
    jinja_cache  a folder for Jinja's compiled templates, shared by every build

With neither `only` nor `share`, the whole site is written. A file is left out by the
documented `File.inclusion` (EXCLUDED): MkDocs then neither reads nor writes it, a page
left out keeps its place in the `nav:` and links to it keep their URLs (MkDocs logs
them at INFO, so strict mode does not fail on them). The sitemap is the one output
that lists every page: it is given every page, those left out included.
"""
from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

SPEC = "BRIEFINGS_RENDER"
SITEMAP = "sitemap.xml"

# This build's files and the pages it left out (a hook is a module: its state lives here).
_built: dict[str, object] = {"files": None, "left_out": []}


def _spec() -> dict:
    path = os.environ.get(SPEC)
    return json.loads(Path(path).read_text(encoding="utf-8")) if path else {}


def wanted(file: File, only: set[str] | None, share: list[int] | None) -> bool:
    """Whether this build writes file."""
    if only is not None:
        return file.src_uri in only
    if share is None:
        return True
    k, n = share
    if file.is_documentation_page():
        return zlib.crc32(file.src_uri.encode("utf-8", "surrogatepass")) % n == k
    return k == 0


def on_files(files: Files, config) -> Files:
    spec = _spec()
    only = set(spec["only"]) if spec.get("only") is not None else None
    left_out = []
    for file in files:
        if file.inclusion.is_included() and not wanted(file, only, spec.get("share")):
            file.inclusion = InclusionLevel.EXCLUDED
            if file.is_documentation_page():
                left_out.append(file)
    _built.update(files=files, left_out=left_out)
    if spec.get("outputs"):
        gone = [File(rel, config.docs_dir, config.site_dir, config.use_directory_urls)
                for rel in spec.get("removed", [])]
        written = [f for f in (files.get_file_from_path(rel) for rel in spec.get("only") or ()) if f is not None]
        Path(spec["outputs"]).write_text(json.dumps(sorted({f.dest_uri for f in written + gone})), encoding="utf-8")
    return files


def on_env(env, config, files: Files):
    folder = _spec().get("jinja_cache")
    if folder:
        import jinja2

        os.makedirs(folder, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(folder)
    return env


def on_template_context(context, template_name: str, config):
    """The sitemap lists every page, those this build leaves out too (MkDocs gives it the included ones)."""
    files, left_out = _built["files"], _built["left_out"]
    if template_name != SITEMAP or not left_out or files is None:
        return context
    for file in left_out:
        if file.page is None:
            Page(None, file, config)  # not in the nav: a page object for its URL, as MkDocs makes for the others
    left = {id(f) for f in left_out}
    context["pages"] = [f for f in files if f.is_documentation_page() and (f.inclusion.is_included() or id(f) in left)]
    return context
