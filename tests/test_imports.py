"""Import cost is part of every pre-commit run: a check of one ordinary document must not load
the heavy libraries (they load only for .bib files, fuzzy matching or near-duplicate titles)."""

import json
import subprocess
import sys

from conftest import EXAMPLES

HEAVY = ("pyparsing", "markdown_it", "bibtexparser", "rapidfuzz", "spacy", "medspacy", "click")

SCRIPT = """
import json, sys
from claimlint.cli import main
try:
    main(["check", "--no-cache", sys.argv[1]])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy})))
"""


def test_one_file_check_imports_no_heavy_library():
    script = SCRIPT.replace("{heavy}", repr(set(HEAVY)))
    for doc in ("sciatica-answer.txt", "neuropathic-pain-numeric.md"):
        proc = subprocess.run(
            [sys.executable, "-c", script, str(EXAMPLES / "good" / doc)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert json.loads(proc.stdout.strip().splitlines()[-1]) == [], doc
