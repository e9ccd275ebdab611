"""The site commands: build, serve, publish (wired into cli.py)."""
from __future__ import annotations

import argparse


def add_site_commands(sub: argparse._SubParsersAction) -> None:
    pass
