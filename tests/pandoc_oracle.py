"""Citation keys per block, as pandoc reads them: the oracle for the differential test.

Each of claimlint's blocks is wrapped in a fenced div with its own id, so pandoc parses the
same text claimlint did and the two lists of keys line up block by block.
"""

from __future__ import annotations

import json
import shutil
import subprocess

CROSSREF = ("fig:", "tbl:", "eq:", "sec:", "lst:")


def available() -> bool:
    return shutil.which("pandoc") is not None


def cite_keys_by_block(chunks: list[str]) -> dict[int, list[str]]:
    parts = []
    for i, chunk in enumerate(chunks):
        parts.append(f"::: {{#b{i}}}\n{chunk}\n:::\n")
    source = "\n".join(parts)
    out = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "json"],
        input=source,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    ast = json.loads(out)
    result: dict[int, list[str]] = {}
    for block in ast["blocks"]:
        if block["t"] != "Div":
            continue
        ident = block["c"][0][0]
        if not ident.startswith("b"):
            continue
        keys: list[str] = []
        _walk(block["c"][1], keys)
        result[int(ident[1:])] = [k for k in keys if not k.lower().startswith(CROSSREF)]
    return result


def _walk(node, keys: list[str]) -> None:
    if isinstance(node, dict):
        if node.get("t") == "Cite":
            citations, _inlines = node["c"]
            for c in citations:
                keys.append(c["citationId"])
                _walk(c.get("citationPrefix", []), keys)
                _walk(c.get("citationSuffix", []), keys)
            return
        for value in node.values():
            _walk(value, keys)
    elif isinstance(node, list):
        for item in node:
            _walk(item, keys)
