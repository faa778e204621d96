"""A dose written so that it can be misread: no frequency, or error-prone notation.

## What it does
Reports two kinds of dose mentions:

- a recommended dose of a named drug with no frequency where one is needed. A per-day amount
  ("300 mg/day"), a rate ("2 mg/h"), a single, one-time or loading dose, or an injection into a
  joint or the epidural space needs none;
- notation that ISMP and the Joint Commission list as error-prone, in any role: a trailing zero
  ("5.0 mg", read as 50 mg), a naked decimal (".5 mg", read as 5 mg), and a drug dosed in
  micrograms written in milligrams (levothyroxine "50 mg" for 50 mcg).

## Why is this bad?
"Naproxen 500 mg" says nothing about how often; the reader has to guess between once and four
times daily, and the daily amount (and any check against a maximum) is lost. Trailing zeros,
naked decimals and mg/mcg mix-ups cause tenfold and thousandfold dosing errors.

## Example
```md
# Hypothyroidism

Start levothyroxine 1.0 mg every morning and recheck TSH in six weeks [1].

## References

1. Management of primary hypothyroidism. Example Endocrine Group. 2024.
```

## Use instead
```md
# Hypothyroidism

Start levothyroxine 50 mcg every morning and recheck TSH in six weeks [1].

## References

1. Management of primary hypothyroidism. Example Endocrine Group. 2024.
```

## Options
- `microgram-drugs` (default levothyroxine, liothyronine, fentanyl): drugs whose doses are
  written in micrograms, so "N mg" with N ≥ 1 is reported as a likely unit slip.
- `require-frequency` (default true): report recommended doses without a frequency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimlint import recache as rx
from claimlint.findings import Severity, Violation
from claimlint.model import DoseRole
from claimlint.registry import Rule

_TRAILING_ZERO = rx.compile(r"(?<![\d.,])(\d+)\.0+(?![\d])")
_NAKED_DECIMAL = rx.compile(r"(?<![\d.,])\.(\d+)")
_MG = rx.compile(r"\bmg\b|\bmilligrams?\b", re.I)
_ONE_TIME_ROUTES = frozenset({"epidural", "intra-articular", "intrathecal"})


@dataclass(frozen=True)
class Options:
    microgram_drugs: tuple[str, ...] = ("levothyroxine", "liothyronine", "fentanyl")
    require_frequency: bool = True


def _amount_text(text: str) -> str:
    """The amount and unit part of a mention's text ("5.0 mg" of "5.0 mg twice daily")."""
    from claimlint.parse.dose_grammar import AMOUNT

    m = AMOUNT.match(text)
    return m.group(0) if m else text


def check(doc, ctx, opts: Options):
    micro = {d.lower() for d in opts.microgram_drugs}
    for m in doc.dose_mentions:
        amount = _amount_text(m.text)
        zero = _TRAILING_ZERO.search(amount)
        if zero:
            yield Violation(
                m.span,
                f'trailing zero in "{amount.strip()}": write {zero.group(1)} (a "{zero.group(0)}"'
                f" can be misread as ten times the dose)",
            )
            continue
        naked = _NAKED_DECIMAL.search(amount)
        if naked:
            yield Violation(
                m.span,
                f'naked decimal in "{amount.strip()}": write 0.{naked.group(1)}'
                f' (".{naked.group(1)}" can be misread as a whole number)',
            )
            continue
        if m.drug in micro and m.unit == "mg" and m.high >= 1 and _MG.search(amount):
            yield Violation(
                m.span,
                f'{m.drug} "{amount.strip()}" is likely a unit slip: {m.drug} is dosed in'
                " micrograms (mcg)",
            )
            continue
        if (
            opts.require_frequency
            and m.role is DoseRole.RECOMMENDED
            and m.drug
            and m.frequency is None
            and m.per == "dose"
            and m.route not in _ONE_TIME_ROUTES
        ):
            yield Violation(
                m.span,
                f"{m.drug} {' '.join(m.text.split())} has no frequency: say how often"
                " (e.g. twice daily) or that it is a single dose",
            )


RULE = Rule(
    code="CL303",
    name="ambiguous-dose",
    summary="Dose without a frequency, or written in error-prone notation",
    severity=Severity.WARNING,
    check=check,
    doc=__doc__,
    options=Options,
    status="experimental",
)
