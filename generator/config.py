"""Settings: defaults, overridden by `extra: briefings:` in mkdocs.yml -> a frozen Config."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

import yaml

from .errors import UserError
from .sources import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Config:
    root: Path = Path(".")
    seeds_dir: str = "seeds"
    docs_dir: str = "docs"
    site_dir: str = "site"
    cache_dir: str = ".briefings-cache"
    overrides_file: str = "actors.yml"
    model: str | None = None  # spaCy package; None: $BRIEFINGS_MODEL or the installed default
    max_source_bytes: int = DEFAULT_MAX_BYTES
    home_items: int = 20  # briefings listed on the home page

    @property
    def seeds(self) -> Path:
        return self.root / self.seeds_dir

    @property
    def docs(self) -> Path:
        return self.root / self.docs_dir

    @property
    def site(self) -> Path:
        return self.root / self.site_dir

    @property
    def cache(self) -> Path:
        return self.root / self.cache_dir

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!!python/name:` and `!ENV` tags are MkDocs' business."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_config(root: Path, **overrides: object) -> Config:
    """Config for the project at root: defaults < mkdocs.yml `extra.briefings` < overrides."""
    config = Config(root=root)
    path = config.mkdocs_yml
    if path.exists():
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        except yaml.YAMLError as e:
            raise UserError(f"{path}: not valid YAML: {str(e).splitlines()[0]}") from None
        settings = ((data.get("extra") or {}).get("briefings") or {}) if isinstance(data, dict) else {}
        config = apply(config, settings, f"{path}: extra.briefings")
        if isinstance(data, dict) and data.get("docs_dir"):
            config = replace(config, docs_dir=str(data["docs_dir"]))
        if isinstance(data, dict) and data.get("site_dir"):
            config = replace(config, site_dir=str(data["site_dir"]))
    return apply(config, {k: v for k, v in overrides.items() if v is not None}, "option")


def apply(config: Config, settings: dict, where: str) -> Config:
    """Config with settings applied, each checked against the field's type."""
    known = {f.name: f for f in fields(Config) if f.name != "root"}
    changes = {}
    for key, value in settings.items():
        if key not in known:
            raise UserError(f"{where}: unknown setting {key!r} (expected one of {', '.join(known)})")
        default = getattr(Config, key)
        if isinstance(default, int) and not isinstance(default, bool):
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise UserError(f"{where}: {key} must be a positive whole number, found {value!r}")
        elif not isinstance(value, str):
            raise UserError(f"{where}: {key} must be text, found {value!r}")
        changes[key] = value
    return replace(config, **changes)


def site_address(config: Config) -> str:
    """The published site's address: $BRIEFINGS_SITE_URL, else `site_url` in mkdocs.yml; "" when unknown."""
    from_env = os.environ.get("BRIEFINGS_SITE_URL", "").strip()
    if from_env:
        return from_env
    try:
        data = yaml.load(config.mkdocs_yml.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError):
        return ""
    value = data.get("site_url") if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) else ""
