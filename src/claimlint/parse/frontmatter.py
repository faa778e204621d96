"""A small YAML subset for front matter: scalars, inline lists and block lists.

claimlint reads only a few keys (title, bibliography, conditions, claimlint-dialect), so a full
YAML parser (and its import cost) is not needed. Anything else is kept as a raw string.
"""

from __future__ import annotations

from claimlint import recache as rx

_KEY = rx.compile(r"([A-Za-z_][\w-]{0,100})[ \t]*:(?:[ \t]+(.*))?$")
_ITEM = rx.compile(r"[ \t]+-[ \t]+(.*)$")


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    if " #" in value:
        value = value.split(" #", 1)[0].rstrip()
    return value


def parse_front_matter(block: str) -> dict:
    """Parse the lines between the ``---`` fences."""
    data: dict = {}
    current: str | None = None
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _ITEM.match(line)
        if m and current is not None:
            existing = data.get(current)
            if not isinstance(existing, list):
                existing = data[current] = []
            existing.append(_scalar(m.group(1)))
            continue
        if line[:1] in " \t":
            continue  # nested mapping: not needed
        m = _KEY.match(line)
        if not m:
            continue
        key, value = m.group(1), (m.group(2) or "").strip()
        current = key
        if value.startswith("[") and value.endswith("]"):
            data[key] = [_scalar(v) for v in value[1:-1].split(",") if v.strip()]
        elif value:
            data[key] = _scalar(value)
        else:
            data[key] = ""
    return data


def bibliography_paths(front: dict, doc_path: str) -> tuple[str, ...]:
    """The front matter's ``bibliography:`` files, relative to the document."""
    import os

    value = front.get("bibliography")
    if not value:
        return ()
    names = value if isinstance(value, list) else [value]
    base = os.path.dirname(doc_path)
    return tuple(os.path.join(base, str(name)) for name in names)
