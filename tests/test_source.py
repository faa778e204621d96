import codecs

import pytest

from claimlint.source import DecodeError, SourceText, decode


def test_positions_are_one_based_and_clamped():
    src = SourceText.from_text("ab\ncd\n\nef")
    assert src.position(0) == (1, 1)
    assert src.position(3) == (2, 1)
    assert src.position(4) == (2, 2)
    assert src.position(7) == (4, 1)
    assert src.position(999) == (4, 3)
    assert src.line_text(2) == "cd"
    assert src.line_count == 4


def test_crlf_and_cr_become_lf():
    src = SourceText.from_text("a\r\nb\rc")
    assert src.text == "a\nb\nc"
    assert src.position(4) == (3, 1)


def test_decode_bom_and_utf16():
    assert decode(codecs.BOM_UTF8 + "é".encode()) == "é"
    assert decode(codecs.BOM_UTF16_LE + "dose".encode("utf-16-le")) == "dose"


def test_invalid_utf8_is_located():
    with pytest.raises(DecodeError) as info:
        decode(b"line one\nabc \xe9 def")
    assert (info.value.line, info.value.column) == (2, 5)
    assert "UTF-8" in info.value.message


def test_binary_is_rejected():
    with pytest.raises(DecodeError) as info:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "binary" in info.value.message


def _line_starts_by_search(text: str) -> tuple[int, ...]:
    """The plain way: one start per newline found."""
    return (0, *(i + 1 for i, c in enumerate(text) if c == "\n"))


@pytest.mark.parametrize(
    "raw",
    ["", "\n", "\n\n", "a", "a\n", "ab\ncd\n\nef", "a\r\nb\rc\r", "é\n\u201c\u201d\n", "\r\n"],
)
def test_lines_and_line_starts_agree(raw):
    src, lines = SourceText.with_lines(raw)
    assert src == SourceText.from_text(raw)
    assert src.line_starts == _line_starts_by_search(src.text)
    assert lines == src.text.split("\n")
    assert [src.line_text(k) for k in range(1, src.line_count + 1)] == lines
