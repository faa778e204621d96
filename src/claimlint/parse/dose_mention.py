"""A :class:`~claimlint.model.DoseMention` built fast, for the dose parser.

DoseMention is a frozen dataclass with slots, whose generated ``__init__`` sets each of its 18
fields through ``object.__setattr__``: that costs more than working out a mention's fields.
:func:`new_mention` fills the slots directly instead. DoseMention has no ``__post_init__`` to
skip; tests/test_dose_tail.py checks the field order and that the result equals the
constructor's.
"""

from __future__ import annotations

from dataclasses import fields

from claimlint.model import DoseMention

MENTION_FIELDS = tuple(f.name for f in fields(DoseMention))
_new = object.__new__
(
    _s0,
    _s1,
    _s2,
    _s3,
    _s4,
    _s5,
    _s6,
    _s7,
    _s8,
    _s9,
    _s10,
    _s11,
    _s12,
    _s13,
    _s14,
    _s15,
    _s16,
    _s17,
) = (getattr(DoseMention, name).__set__ for name in MENTION_FIELDS)


def new_mention(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17):
    """``DoseMention(f0, …, f17)``: the fields in :data:`MENTION_FIELDS` order."""
    m = _new(DoseMention)
    _s0(m, f0)
    _s1(m, f1)
    _s2(m, f2)
    _s3(m, f3)
    _s4(m, f4)
    _s5(m, f5)
    _s6(m, f6)
    _s7(m, f7)
    _s8(m, f8)
    _s9(m, f9)
    _s10(m, f10)
    _s11(m, f11)
    _s12(m, f12)
    _s13(m, f13)
    _s14(m, f14)
    _s15(m, f15)
    _s16(m, f16)
    _s17(m, f17)
    return m
