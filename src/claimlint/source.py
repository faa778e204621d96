"""Reading documents: bytes → text with line starts, and offsets → 1-based (line, column)."""

from __future__ import annotations

import codecs
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate


class DecodeError(Exception):
    """The bytes are not text claimlint can read. ``line``/``column`` locate the first bad byte."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class SourceText:
    """A document's text (newlines normalized to ``\\n``) and the offset of each line start."""

    text: str
    line_starts: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def from_text(cls, text: str) -> SourceText:
        return cls.with_lines(text)[0]

    @classmethod
    def with_lines(cls, text: str) -> tuple[SourceText, list[str]]:
        """The source and its lines (without their newlines): a parser that walks the lines
        takes them from here instead of splitting the text a second time."""
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        # a line starts one character (its newline) after the line before ends; accumulate
        # adds the lengths without a Python loop per line
        starts = accumulate(map((1).__add__, map(len, lines[:-1])), initial=0)
        return cls(text, tuple(starts)), lines

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset (clamped into the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        if line < 1 or line > len(self.line_starts):
            return ""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    @property
    def line_count(self) -> int:
        return len(self.line_starts)


def decode(data: bytes) -> str:
    """Decode a document's bytes: UTF-8 (with or without BOM), or UTF-16 with a BOM.

    Raises :class:`DecodeError` for binary data or invalid UTF-8, located at the first bad byte.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid UTF-16 ({exc.reason})") from None
    if b"\x00" in data:  # anywhere, not only in the first block: a NUL is never document text
        line, col = _locate(data, data.index(b"\x00"))
        raise DecodeError("not text (binary data: contains NUL bytes)", line, col)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _locate(data, exc.start)
        raise DecodeError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at byte offset {exc.start});"
            " save the file as UTF-8",
            line,
            col,
        ) from None


def _locate(data: bytes, index: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, index) + 1
    line_start = data.rfind(b"\n", 0, index) + 1
    column = len(data[line_start:index].decode("utf-8", errors="replace")) + 1
    return line, column
