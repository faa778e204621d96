"""Settings: built-in defaults < claimlint.toml / .claimlint.toml / pyproject [tool.claimlint]
< command-line flags. Unknown keys are errors naming the file, line and key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path, PurePath

CONFIG_NAMES = ("claimlint.toml", ".claimlint.toml", "pyproject.toml")
SEVERITIES = ("info", "warning", "error")


class ConfigError(Exception):
    """A configuration problem: one line, ``file:line: message``; exit code 2."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True)
class Settings:
    """Resolved settings. Defaults live here and nowhere else."""

    select: tuple[str, ...] = ()  # empty: every stable rule
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (code or name, severity)
    options: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()
    fail_on: str = "error"
    bibliography: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    include: tuple[str, ...] = ("*.md", "*.markdown", "*.txt")
    exclude: tuple[str, ...] = (
        ".git",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".claimlint_cache",
        "build",
        "dist",
    )
    dialect: str = "auto"
    cache: bool = True
    cache_dir: str = ".claimlint_cache"
    config_path: str = ""  # the file the settings came from, if any

    def with_overrides(self, **changes) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_dict(self) -> dict:
        return {
            "config": self.config_path or None,
            "select": list(self.select),
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "per-file-ignores": {g: list(c) for g, c in self.per_file_ignores},
            "severity": dict(self.severity),
            "options": {k: dict(v) for k, v in self.options},
            "fail-on": self.fail_on,
            "bibliography": list(self.bibliography),
            "packs": list(self.packs),
            "include": list(self.include),
            "exclude": list(self.exclude),
            "dialect": self.dialect,
            "cache": self.cache,
            "cache-dir": self.cache_dir,
        }


_LIST_KEYS = {
    "select": "select",
    "extend-select": "extend_select",
    "ignore": "ignore",
    "bibliography": "bibliography",
    "packs": "packs",
    "include": "include",
    "exclude": "exclude",
}
_KNOWN = set(_LIST_KEYS) | {
    "per-file-ignores",
    "severity",
    "options",
    "fail-on",
    "dialect",
    "cache",
    "cache-dir",
}


def find_config(start: Path) -> Path | None:
    """The nearest config file from ``start`` upward, stopping at the repository root."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and "[tool.claimlint" not in _read(candidate):
                    continue
                return candidate
        if (folder / ".git").exists():
            break
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def load_settings(path: Path | None) -> Settings:
    """Settings from a config file (or the defaults when ``path`` is None)."""
    if path is None:
        return Settings()
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("config file not found", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file: {exc}", str(path)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\s*\(at line (\d+), column \d+\)$", str(exc))
        where = f"{path}:{m.group(1)}" if m else str(path)
        message = str(exc)[: m.start()] if m else str(exc)
        raise ConfigError(f"invalid TOML: {message}", where) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("claimlint", {})
    return settings_from_dict(data, str(path), text)


def _line_of(text: str, key: str) -> int:
    m = re.search(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def settings_from_dict(data: dict, where: str = "", text: str = "") -> Settings:
    def err(key: str, message: str) -> ConfigError:
        return ConfigError(f"{key}: {message}", f"{where}:{_line_of(text, key)}" if where else "")

    base = Path(where).parent if where else Path(".")
    kwargs: dict = {"config_path": where}
    for key, value in data.items():
        if key not in _KNOWN:
            raise err(key, f"unknown key '{key}' (known: {', '.join(sorted(_KNOWN))})")
        if key in _LIST_KEYS:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise err(key, "must be a list of strings")
            if key in ("bibliography", "packs"):
                value = [str(base / v) for v in value]
                for v in value:
                    if not Path(v).is_file():
                        raise err(key, f"file not found: {v}")
            kwargs[_LIST_KEYS[key]] = tuple(value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise err(key, "must be a table of glob = [codes]")
            kwargs["per_file_ignores"] = tuple((g, tuple(c)) for g, c in value.items())
        elif key == "severity":
            if not isinstance(value, dict) or any(v not in SEVERITIES for v in value.values()):
                raise err(key, f"must map codes to one of {', '.join(SEVERITIES)}")
            kwargs["severity"] = tuple(value.items())
        elif key == "options":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise err(key, "must be a table of rule = {option = value}")
            kwargs["options"] = tuple((r, tuple(o.items())) for r, o in value.items())
        elif key == "fail-on":
            if value not in SEVERITIES:
                raise err(key, f"must be one of {', '.join(SEVERITIES)}")
            kwargs["fail_on"] = value
        elif key == "dialect":
            if value not in ("auto", "numeric", "pandoc", "footnote", "answer"):
                raise err(key, "must be auto, numeric, pandoc, footnote or answer")
            kwargs["dialect"] = value
        elif key == "cache":
            if not isinstance(value, bool):
                raise err(key, "must be true or false")
            kwargs["cache"] = value
        elif key == "cache-dir":
            kwargs["cache_dir"] = str(base / str(value))
    return Settings(**kwargs)


# ---- rule selection ---------------------------------------------------------------------


def names_finding(selector: str, finding) -> bool:
    """Whether a code, prefix or rule name (a suppression, an ignore) names a finding."""
    return selector == finding.name or finding.code.startswith(selector.upper())


def _matches(selector: str, rule) -> int:
    """How specifically a selector names a rule: 0 no, else the selector's length."""
    sel = selector.strip()
    if not sel:
        return 0
    if sel.upper() == "ALL":
        return 1
    if sel == rule.name:
        return 100
    if rule.code.startswith(sel.upper()):
        return len(sel) + (50 if len(sel) == len(rule.code) else 0)
    return 0


def is_enabled(rule, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Most specific selector wins; at equal specificity ignore wins. Experimental rules need
    their exact code or name."""
    best_sel = max((_matches(s, rule) for s in select), default=0) if select else 1
    best_ign = max((_matches(s, rule) for s in ignore), default=0)
    if rule.status == "experimental" and best_sel < 50:
        return False
    return best_sel > 0 and best_sel > best_ign


def ignored_for_path(path: str, settings: Settings) -> tuple[str, ...]:
    if not settings.per_file_ignores:  # the usual case: no path to build per document
        return ()
    out: list[str] = []
    posix = PurePath(path).as_posix()
    for glob, codes in settings.per_file_ignores:
        if (
            fnmatch(posix, glob)
            or fnmatch(PurePath(path).name, glob)
            or fnmatch(posix, f"*/{glob}")
        ):
            out.extend(codes)
    return tuple(out)


@dataclass(frozen=True)
class ActiveRule:
    rule: object
    options: object
    severity: object
    severity_configured: bool = False


@dataclass(frozen=True)
class RuleSet:
    document: tuple[ActiveRule, ...] = field(default=())
    bibliography: tuple[ActiveRule, ...] = field(default=())


def resolve_rules(settings: Settings, all_rules) -> RuleSet:
    from claimlint.findings import Severity

    if settings.select:
        select = settings.select + settings.extend_select
    elif settings.extend_select:
        select = ("ALL", *settings.extend_select)
    else:
        select = ()
    sev = dict(settings.severity)
    opts = dict(settings.options)
    doc_rules, bib_rules = [], []
    known = {r.code for r in all_rules} | {r.name for r in all_rules}
    for name in list(sev) + list(opts):
        if name not in known:
            raise ConfigError(f"unknown rule '{name}' in severity/options", settings.config_path)
    for rule in all_rules:
        if not is_enabled(rule, select, settings.ignore):
            continue
        severity = sev.get(rule.code) or sev.get(rule.name)
        option_values = dict(opts.get(rule.code, ()) or opts.get(rule.name, ()))
        active = ActiveRule(
            rule,
            rule.make_options(option_values, settings.config_path),
            Severity(severity) if severity else rule.severity,
            bool(severity),
        )
        (bib_rules if rule.scope == "bibliography" else doc_rules).append(active)
    return RuleSet(tuple(doc_rules), tuple(bib_rules))
