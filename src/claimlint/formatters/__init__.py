"""Output formats: each module has a pure ``render(report, ...) -> str``."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "html")


def render(fmt: str, report, **kwargs) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    module = importlib.import_module(f"claimlint.formatters.{fmt}_format")
    return module.render(report, **kwargs)
