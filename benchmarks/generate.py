"""Write a deterministic benchmark corpus in all four dialects.

    python benchmarks/generate.py OUT_DIR COUNT [--seed N] [--big-mb N ...]

Documents are assembled from the project's own examples (examples/good: headings, sentences,
reference lists, answer-page chrome, references.bib) plus the templates below: sections are
renamed and shuffled, example drugs are swapped for others with one consistent regimen per
document, citation numbers vary, and at known rates a document gets one dose conflict (the same
drug at another regimen), one dangling marker, or an uncited sentence. The same seed gives the
same bytes; document ``i`` does not depend on COUNT, so a 1,000-document corpus is the first
1,000 files of a 10,000-document one. ``OUT_DIR/manifest.json`` records what was injected where.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "good"
DIALECTS = ("numeric", "answer", "footnote", "pandoc")


@dataclass(frozen=True)
class Drug:
    name: str
    group: str  # drugs are swapped only within a group, so sentences stay plausible
    dose: str  # the document's one regimen for this drug
    alt: str  # a different regimen, for an injected conflict


# Canonical regimens match the ones in examples/good, so example sentences stay consistent.
DRUGS = tuple(
    Drug(*row)
    for row in [
        ("pregabalin", "neuro", "150-300 mg twice daily", "450 mg twice daily"),
        ("gabapentin", "neuro", "900-3600 mg/day in three divided doses", "4800 mg/day"),
        ("duloxetine", "neuro", "60 mg once daily", "120 mg once daily"),
        ("nortriptyline", "neuro", "25-75 mg at bedtime", "150 mg at bedtime"),
        ("amitriptyline", "neuro", "10-25 mg at bedtime", "100 mg at bedtime"),
        ("naproxen", "nsaid", "500 mg twice daily", "750 mg twice daily"),
        ("ibuprofen", "nsaid", "400 mg three times daily", "800 mg three times daily"),
        ("celecoxib", "nsaid", "200 mg daily", "400 mg daily"),
        ("amlodipine", "cardio", "5 mg once daily", "20 mg once daily"),
        ("lisinopril", "cardio", "10 mg once daily", "40 mg once daily"),
        ("apixaban", "cardio", "5 mg twice daily", "10 mg twice daily"),
        ("nitrofurantoin", "other", "100 mg twice daily", "100 mg four times daily"),
        ("acetaminophen", "other", "1 g every 6 hours", "1.5 g every 6 hours"),
    ]
)
DOSE_TEMPLATES = (
    "{Drug} {dose} is a reasonable option when there is no contraindication",
    "A usual adult regimen is {drug} {dose}, adjusted for kidney function and age",
    "Review the response to {drug} {dose} after two to four weeks before changing the plan",
    "Patients taking {drug} {dose} should know which adverse effects call for an early review",
    "{Drug} {dose} can be continued while the other parts of the plan take effect",
    "Record the agreed regimen of {drug} {dose} in the letter to the primary care team",
)
PLAIN_TEMPLATES = (
    "Check for interactions before adding {drug} to a long medication list",
    "The benefit of {drug} should be reassessed at every follow-up appointment",
    "{Drug} is best avoided when the same goal can be reached without another medicine",
)
GENERIC = (
    "Exercise therapy and education remain part of the plan for most patients",
    "Shared decision making helps the patient weigh the expected benefit against the burden",
    "Kidney function and the full medication list should be reviewed before any change",
    "Older adults usually need lower starting doses and slower titration",
    "Written instructions improve adherence to a new regimen",
    "Symptoms that worsen despite treatment call for a second assessment",
)
HEADINGS = (
    "Monitoring",
    "Practical Points",
    "When to Refer",
    "Special Populations",
    "Safety Checks",
    "Alternatives",
    "Starting Treatment",
    "Stopping Treatment",
)
TITLES = ("Choosing and dosing a first-line drug", "Reviewing a regimen that partly works")
QUESTIONS = (
    "Which first-line drug suits an older adult with several comorbidities?",
    "What should be checked before increasing the dose of a maintenance drug?",
)


@dataclass(frozen=True)
class Ref:
    line: str  # one-line citation for numbered lists and footnotes
    kind: str = "Guideline"
    title: str = ""
    source: str = ""


# Real publications, by title, organization and year only (no identifiers).
EXTRA_REFS = (
    Ref(
        "",
        "Guideline",
        "Evidence-based guideline: Treatment of painful diabetic neuropathy",
        "American Academy of Neurology guideline, 2011",
    ),
    Ref(
        "",
        "Guideline",
        "Neuropathic pain in adults: pharmacological management in non-specialist settings",
        "NICE clinical guideline CG173, 2013",
    ),
    Ref(
        "",
        "Guideline",
        "Low back pain and sciatica in over 16s: assessment and management",
        "NICE guideline NG59, 2016",
    ),
    Ref(
        "",
        "Guideline",
        "International clinical practice guidelines for the treatment of acute "
        "uncomplicated cystitis and pyelonephritis in women",
        "IDSA and ESCMID guideline, 2011",
    ),
)


@dataclass(frozen=True)
class Sentence:
    text: str  # without its marker and final period
    drugs: tuple[Drug, ...]
    swappable: bool  # every dose in it is "<drug> <canonical regimen>"
    intext: bool  # uses a pandoc in-text citation (@key)


@dataclass(frozen=True)
class Material:
    sentences: tuple[Sentence, ...]
    headings: tuple[str, ...]
    titles: tuple[str, ...]
    questions: tuple[str, ...]
    refs: tuple[Ref, ...]
    answer_refs: tuple[Ref, ...]
    bib_keys: tuple[str, ...]
    chrome: tuple[str, ...]
    trailer: tuple[str, ...]
    bib_path: Path
    drugs: tuple[Drug, ...] = DRUGS
    dose_templates: tuple[str, ...] = DOSE_TEMPLATES
    plain_templates: tuple[str, ...] = PLAIN_TEMPLATES
    generic: tuple[str, ...] = GENERIC


_MARKER = re.compile(r"\s*(?:\[\^[^\]\s]+\]|\[-?@[^\]]+\]|\[\d[\d,\s\-–]*\])")
_ANSWER_TAIL = re.compile(r"\s+\d{1,3}(?:,\s*\d{1,3})*\.?$")
_DOSE = re.compile(r"\d[\d.,]*(?:\s*-\s*\d[\d.,]*)?\s*(?:mg|g|mL)\b")


def _sentence(raw: str) -> Sentence | None:
    text = _MARKER.sub("", raw).strip().rstrip(".").strip()
    if len(text.split()) < 4 or text.endswith(("?", ":")):
        return None
    low = text.lower()
    drugs = tuple(d for d in DRUGS if re.search(rf"\b{d.name}\b", low))
    phrases = [m.span() for d in drugs for m in re.finditer(re.escape(f"{d.name} {d.dose}"), low)]
    doses = [m.span() for m in _DOSE.finditer(text)]
    swappable = bool(phrases) and all(any(a <= s and e <= b for a, b in phrases) for s, e in doses)
    return Sentence(text, drugs, swappable, bool(re.search(r"(?<![\[\w])@\w", text)))


def _split(paragraph: str) -> list[str]:
    return re.split(r"(?<=\.)\s+(?=[A-Z])", paragraph)


def _markdown(text: str, out: dict) -> None:
    if text.startswith("---\n"):
        text = text[text.index("\n---\n", 3) + 5 :]
    for block in re.split(r"\n\s*\n", text.strip()):
        first = block.lstrip()
        if first.startswith("#"):
            heading = first.lstrip("#").strip()
            key = "titles" if first.startswith("# ") else "headings"
            if heading not in ("Summary", "References"):
                out[key].append(heading)
        elif first.startswith("- "):
            for item in re.split(r"\n(?=- )", first):
                out["raw"].append(" ".join(item[2:].split()))
        elif re.match(r"(\d+\.|\[\^[^\]]+\]:) ", first):
            for line in first.splitlines():
                out["refs"].append(Ref(line.split(" ", 1)[1].strip()))
        else:
            out["raw"].extend(_split(" ".join(block.split())))


def _answer_page(text: str, out: dict) -> None:
    lines = [ln.strip() for ln in text.splitlines()]
    refs_at, related_at = lines.index("References"), lines.index("Related Questions")
    first_cited = next(i for i, ln in enumerate(lines) if _ANSWER_TAIL.search(ln))
    title_at = max(i for i in range(first_cited) if lines[i])
    out["questions"].append(lines[0])
    out["chrome"] = [ln for ln in lines[1 : title_at - 1] if ln]
    out["headings"].append(lines[title_at])
    for ln in lines[first_cited:refs_at]:
        if not ln:
            continue
        if _ANSWER_TAIL.search(ln):
            body = _ANSWER_TAIL.sub("", ln.lstrip("•").strip())
            out["raw"].extend(_split(body) if not ln.startswith("•") else [body])
        else:
            out["headings"].append(ln)
    entries = [ln for ln in lines[refs_at + 1 : related_at] if ln]
    for kind, title, source in zip(entries[::3], entries[1::3], entries[2::3], strict=False):
        out["answer_refs"].append(Ref(f"{title}. {source}.", kind, title, source))
    out["trailer"] = lines[related_at:]


def _cited(ref: Ref, refs: list[Ref]) -> bool:
    """Whether the same work is already in ``refs`` (a numbered list must not cite it twice)."""
    return any(ref.title.lower() in r.line.lower() for r in refs)


def load_material(folder: Path = EXAMPLES) -> Material:
    out: dict = {k: [] for k in ("raw", "headings", "titles", "questions", "refs", "answer_refs")}
    for path in sorted(folder.glob("*.md")):
        _markdown(path.read_text(encoding="utf-8"), out)
    for path in sorted(folder.glob("*.txt")):
        _answer_page(path.read_text(encoding="utf-8"), out)
    bib_path = folder / "references.bib"
    keys = tuple(re.findall(r"^@\w+\{([^,\s]+),", bib_path.read_text(encoding="utf-8"), re.M))
    extra = tuple(Ref(f"{r.title}. {r.source}.", r.kind, r.title, r.source) for r in EXTRA_REFS)
    sentences = tuple(s for s in map(_sentence, out["raw"]) if s is not None)
    return Material(
        sentences=sentences,
        headings=tuple(dict.fromkeys([*out["headings"], *HEADINGS])),
        titles=(*out["titles"], *TITLES),
        questions=(*out["questions"], *QUESTIONS),
        refs=(*out["refs"], *(r for r in out["answer_refs"] if not _cited(r, out["refs"])), *extra),
        answer_refs=(*out["answer_refs"], *extra),
        bib_keys=keys,
        chrome=tuple(out["chrome"]),
        trailer=tuple(out["trailer"]),
        bib_path=bib_path,
    )


VERSION = 2  # 2: a conflict only hits a drug already given with its regimen
SEED_DOC_BYTES = 7_500
DOSE_CONFLICT_RATE = 0.10  # per seed-size block of text
DANGLING_RATE = 0.10  # per seed-size block of text
UNCITED_RATE = 0.03  # per sentence
SUFFIXES = ("", "", "", " in Practice", " for Older Adults", " and Safety", " Revisited")


@dataclass
class Stats:
    dose_conflicts: int = 0
    dangling_markers: int = 0
    uncited: int = 0


class Writer:
    """Renders sentences and citations in one dialect. ``cite`` is a tuple of 1-based
    reference numbers, () for an uncited sentence, or None for a dangling marker."""

    def __init__(self, dialect: str, rng: random.Random, refs: list, mat: Material) -> None:
        self.dialect, self.rng, self.refs, self.mat = dialect, rng, refs, mat
        self.labels = [
            f"{re.sub(r'[^a-z]', '', r.line.split()[0].lower())[:8]}{i + 1}"
            for i, r in enumerate(refs)
        ]

    def marker(self, cite) -> str:
        rng, d = self.rng, self.dialect
        if cite is None:
            n = len(self.refs) + rng.randint(1, 3)
            return {
                "numeric": f"[{n}]",
                "answer": str(n),
                "footnote": f"[^missing{n}]",
                "pandoc": f"[@missing{n}]",
            }[d]
        if d == "pandoc":
            keys = [self.mat.bib_keys[(c - 1) % len(self.mat.bib_keys)] for c in cite]
            loc = ", p. 4" if rng.random() < 0.1 else ""
            return "[" + "; ".join(f"@{k}" for k in keys) + loc + "]"
        if d == "footnote":
            return "".join(f"[^{self.labels[c - 1]}]" for c in cite)
        if d == "answer":
            return ", ".join(map(str, cite))
        if len(cite) >= 3 and cite[-1] - cite[0] == len(cite) - 1:
            return f"[{cite[0]}{rng.choice('-–')}{cite[-1]}]"
        return "[" + ", ".join(map(str, cite)) + "]"

    def sentence(self, text: str, cite) -> str:
        if cite == ():
            return text + "."
        m = self.marker(cite)
        if self.dialect == "answer":
            return f"{text}. {m}"
        if self.dialect == "footnote":
            return f"{text}.{m}"
        return f"{text} {m}."

    def bullet(self, text: str, cite) -> str:
        if self.dialect == "answer":
            return f"  • {text} {self.marker(cite)}" if cite != () else f"  • {text}"
        return "- " + self.sentence(text, cite)

    def heading(self, title: str) -> str:
        return title if self.dialect == "answer" else f"## {title}"

    def head(self, title: str, question: str) -> str:
        if self.dialect == "answer":
            chrome = "\n".join(self.mat.chrome).replace("2026", str(self.rng.randint(2019, 2026)))
            return f"{question}\n\n{chrome}\n\n{title}\n\n"
        front = ""
        if self.dialect == "pandoc":
            front = f"---\ntitle: {title}\nbibliography: references.bib\n---\n\n"
        return f"{front}# {title}\n\n"

    def tail(self) -> str:
        if self.dialect == "answer":
            entries = "\n\n".join(f"{r.kind}\n\n{r.title}\n\n{r.source}" for r in self.refs)
            return f"References\n\n{entries}\n\n" + "\n".join(self.mat.trailer) + "\n"
        if self.dialect == "footnote":
            return "".join(
                f"[^{lab}]: {r.line}\n" for lab, r in zip(self.labels, self.refs, strict=True)
            )
        if self.dialect == "numeric":
            items = "".join(f"{i}. {r.line}\n" for i, r in enumerate(self.refs, 1))
            return f"## References\n\n{items}"
        return ""


class DocumentBuilder:
    def __init__(self, rng: random.Random, dialect: str, mat: Material) -> None:
        self.rng, self.dialect, self.mat = rng, dialect, mat
        k = len(mat.bib_keys) if dialect == "pandoc" else rng.randint(3, min(8, len(mat.refs)))
        refs = mat.answer_refs if dialect == "answer" else mat.refs
        self.refs = rng.sample(refs, min(k, len(refs)))
        self.w = Writer(dialect, rng, self.refs, mat)
        self.drugs = rng.sample(mat.drugs, rng.randint(3, 5))
        self.swap = {}  # example drug -> this document's drug, a permutation within each group
        for group in sorted({d.group for d in mat.drugs}):
            members = [d for d in mat.drugs if d.group == group]
            self.swap.update(
                zip([d.name for d in members], rng.sample(members, len(members)), strict=True)
            )
        self.dosed: set[str] = set()  # drugs already given as '<drug> <regimen>'
        self.stats = Stats()
        self.next_ref = 0

    def cite(self):
        rng, k = self.rng, len(self.refs)
        if rng.random() < UNCITED_RATE:
            self.stats.uncited += 1
            return ()
        first = self.next_ref % k + 1
        self.next_ref += 1
        roll = rng.random()
        if roll < 0.7 or k < 2:
            return (first,)
        if roll < 0.9:
            return tuple(sorted({first, rng.randint(1, k)}))
        lo = rng.randint(1, max(1, k - 2))
        return tuple(range(lo, min(k, lo + 2) + 1))

    def text_of(self, s: Sentence) -> str | None:
        """An example sentence with its drugs swapped, or None if it does not fit the dialect."""
        if s.intext and self.dialect != "pandoc":
            return None
        text = s.text
        for old in s.drugs if s.swappable else ():
            new = self.swap[old.name]
            phrase = f"{new.name} {new.dose}"
            pattern = re.compile(rf"\b{re.escape(old.name)} {re.escape(old.dose)}", re.I)
            text = pattern.sub(lambda m, p=phrase: p.capitalize() if m[0][0].isupper() else p, text)
        low = text.lower()
        self.dosed.update(d.name for d in self.mat.drugs if f"{d.name} {d.dose}" in low)
        return text

    def template(self, conflict: bool = False) -> str:
        """A sentence of our own; with ``conflict``, a drug already dosed at another regimen."""
        rng = self.rng
        if conflict:
            drug = rng.choice([d for d in self.mat.drugs if d.name in self.dosed])
            dose, templates = drug.alt, self.mat.dose_templates
        else:
            drug = rng.choice(self.drugs)
            dose = drug.dose
            templates = self.mat.dose_templates if rng.random() < 0.6 else self.mat.plain_templates
        text = rng.choice(templates).format(drug=drug.name, Drug=drug.name.capitalize(), dose=dose)
        if not conflict and "{dose}" in templates[0]:
            self.dosed.add(drug.name)
        return text

    def sentences(self, n: int) -> list[str]:
        out = []
        while len(out) < n:
            roll = self.rng.random()
            if roll < 0.45:
                text = self.text_of(self.rng.choice(self.mat.sentences))
            elif roll < 0.8:
                text = self.template()
            else:
                text = self.rng.choice(self.mat.generic)
            if text:
                out.append(text)
        return out

    def section(self, first: bool, conflict: bool, dangling: bool) -> str:
        rng, w, answer = self.rng, self.w, self.dialect == "answer"
        texts = self.sentences(rng.randint(3, 6))
        if conflict:
            texts.insert(rng.randint(1, len(texts)), self.template(conflict=True))
            self.stats.dose_conflicts += 1
        cites = [() if "@" in t else self.cite() for t in texts]  # "@key" cites in the text
        if first and answer:  # the answer body starts at the line before its first citation
            cites[0] = cites[0] or (1,)
        if dangling:
            cites[rng.randrange(first and answer, len(cites))] = None
            self.stats.dangling_markers += 1
        pairs = list(zip(texts, cites, strict=True))
        if answer and first:  # the lead paragraphs under the answer's title line
            return "\n\n".join(w.sentence(t, c) for t, c in pairs) + "\n\n"
        if answer or rng.random() < 0.6:
            body = "\n".join(w.bullet(t, c) for t, c in pairs)
        else:
            body = " ".join(w.sentence(t, c) for t, c in pairs)
        title = "Summary" if first else rng.choice(self.mat.headings) + rng.choice(SUFFIXES)
        return f"{w.heading(title)}\n\n{body}\n\n"

    def build(self, target_bytes: int) -> str:
        """Sections until the target size; each seed-size block may get one conflict and one
        dangling marker, placed in its next section that can take them."""
        rng = self.rng
        head = self.w.head(rng.choice(self.mat.titles), rng.choice(self.mat.questions))
        tail = self.w.tail()
        parts, size, block_end = [head], len(head.encode()) + len(tail.encode()), 0
        conflict = dangling = False
        while size < target_bytes:
            if size >= block_end:
                block_end = size + SEED_DOC_BYTES
                conflict |= rng.random() < DOSE_CONFLICT_RATE
                dangling |= rng.random() < DANGLING_RATE
            can_conflict = conflict and len(parts) > 1 and bool(self.dosed)
            part = self.section(len(parts) == 1, can_conflict, dangling)
            conflict &= not can_conflict
            dangling = False
            parts.append(part)
            size += len(part.encode())
        parts.append(tail)
        return "".join(parts)


def write_document(out: Path, name: str, rng, dialect, mat, target) -> dict:
    b = DocumentBuilder(rng, dialect, mat)
    text = b.build(target)
    (out / name).write_text(text, encoding="utf-8")
    s = b.stats
    return {
        "dialect": dialect,
        "bytes": len(text.encode()),
        "dose_conflicts": s.dose_conflicts,
        "dangling_markers": s.dangling_markers,
        "uncited": s.uncited,
    }


def generate(out: Path, count: int, seed: int = 0, big_mb: tuple[float, ...] = ()) -> dict:
    mat = load_material()
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(mat.bib_path, out / "references.bib")
    files = {}
    for i in range(count):
        rng = random.Random(f"{seed}:{i}")
        dialect = DIALECTS[i % len(DIALECTS)]
        name = f"{i:05d}-{dialect}.{'txt' if dialect == 'answer' else 'md'}"
        files[name] = write_document(out, name, rng, dialect, mat, SEED_DOC_BYTES)
    for mb in big_mb:
        rng = random.Random(f"{seed}:big:{mb}")
        name = f"big-{mb:g}mb.md"
        files[name] = write_document(out, name, rng, "numeric", mat, int(mb * 1024 * 1024))
    manifest = {
        "version": VERSION,
        "seed": seed,
        "count": count,
        "big_mb": list(big_mb),
        "rates": {
            "dose_conflict_per_block": DOSE_CONFLICT_RATE,
            "dangling_per_block": DANGLING_RATE,
            "uncited_per_sentence": UNCITED_RATE,
            "block_bytes": SEED_DOC_BYTES,
        },
        "totals": {
            k: sum(f[k] for f in files.values())
            for k in ("bytes", "dose_conflicts", "dangling_markers", "uncited")
        },
        "files": files,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("count", type=int, help="number of seed-size (~7.5 KB) documents")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--big-mb",
        type=float,
        action="append",
        default=[],
        help="also write one document of this many MB (repeatable)",
    )
    args = ap.parse_args(argv)
    m = generate(args.out_dir, args.count, args.seed, tuple(args.big_mb))
    t = m["totals"]
    print(
        f"{args.out_dir}: {len(m['files'])} documents, {t['bytes'] / 1e6:.1f} MB, "
        f"{t['dose_conflicts']} dose conflicts, {t['dangling_markers']} dangling markers, "
        f"{t['uncited']} uncited sentences"
    )


if __name__ == "__main__":
    main()
