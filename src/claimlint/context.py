"""Run-wide data the rules read: lexicon, dose limits, advice packs, bibliographies.

Everything here is loaded once per run (lazily, on first use), never per document.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

TYPE_CHECKING = False  # typing itself costs ~5 ms to import

if TYPE_CHECKING:
    from claimlint.bib import Bibliography
    from claimlint.lexicon import Lexicon
    from claimlint.limits import DoseLimits
    from claimlint.model import Document
    from claimlint.packs import AdvicePacks


class Context:
    """Shared, read-only inputs for rules. Attributes load on first access."""

    def __init__(
        self,
        bib_paths: tuple[str, ...] = (),
        pack_paths: tuple[str, ...] = (),
    ) -> None:
        self.bib_paths = tuple(bib_paths)
        self.pack_paths = tuple(pack_paths)
        self._bibs: dict[tuple[str, ...], Bibliography] = {}

    @cached_property
    def lexicon(self) -> Lexicon:
        from claimlint.lexicon import load_lexicon

        return _cached("lexicon", _shipped_data(), load_lexicon)

    @cached_property
    def dose_limits(self) -> DoseLimits:
        from claimlint.limits import load_dose_limits

        lexicon = self.lexicon
        return _cached(
            "limits", _shipped_data(), lambda: load_dose_limits(lexicon=lexicon), lexicon
        )

    @cached_property
    def packs(self) -> AdvicePacks:
        from claimlint.packs import load_packs

        lexicon = self.lexicon
        inputs = [*_shipped_data(), *_pack_inputs(self.pack_paths)]
        build = lambda: load_packs(self.pack_paths or None, lexicon=lexicon)  # noqa: E731
        return _cached("packs", inputs, build, lexicon)

    def bib_sources(self, doc: Document) -> tuple[str, ...]:
        """The bibliography files for a document: ``--bib``/config, else front matter."""
        if self.bib_paths:
            return self.bib_paths
        from claimlint.parse.frontmatter import bibliography_paths

        return bibliography_paths(doc.front_matter, doc.path)

    def bibliography(self, doc: Document) -> Bibliography | None:
        """The (cached) bibliography for a document, or None when it has none."""
        sources = self.bib_sources(doc)
        if not sources:
            return None
        bib = self._bibs.get(sources)
        if bib is None:
            from claimlint.bib import load_bibliography

            bib = self._bibs[sources] = load_bibliography(sources)
        return bib

    def loaded_bibliographies(self) -> list[Bibliography]:
        return list(self._bibs.values())


def _cached(kind, inputs, build, shared=None):
    from claimlint.datacache import load

    return load(kind, inputs, build, shared)


def _shipped_data() -> list[str]:
    """Every shipped table and bibliography: what the lexicon, limits and packs read."""
    from claimlint.data import bib_dir, rules_dir

    return [str(p) for folder in (rules_dir(), bib_dir()) for p in sorted(folder.iterdir())]


def _pack_inputs(pack_paths: tuple[str, ...]) -> list[str]:
    """Configured pack files (a folder: its files) and the .bib files beside them."""
    out: list[str] = []
    for raw in pack_paths:
        path = Path(raw)
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        out.extend(str(f) for f in files)
        for folder in {f.parent for f in files} | {f.parent / "bib" for f in files}:
            if folder.is_dir():
                out.extend(str(b) for b in sorted(folder.glob("*.bib")))
    return out
