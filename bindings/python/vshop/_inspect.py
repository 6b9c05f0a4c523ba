"""``vshop.inspect``: tracking-event validation of one document, a file or lines
(docs/events.md). Batches run in C++ without the GIL."""

from __future__ import annotations

import os
from typing import Iterable, overload

from vshop._records import Validation
from vshop._vshop import Batch, ProductFeed, Validator


@overload
def inspect(source: str | bytes, *, feed: ProductFeed | None = None) -> Validation: ...  # type: ignore[overload-overlap]  # str is Iterable[str]: the first match wins
@overload
def inspect(
    source: os.PathLike[str] | Iterable[str | bytes], *, feed: ProductFeed | None = None
) -> Batch: ...
def inspect(
    source: str | bytes | os.PathLike[str] | Iterable[str | bytes],
    *,
    feed: ProductFeed | None = None,
) -> Validation | Batch:
    """Validates tracking events: a ``str``/``bytes`` is ONE document (-> ``Validation``); a path
    (``pathlib.Path``) is a JSON Lines file and an iterable of lines is a batch (-> ``Batch``,
    with the stream checks and the summary)."""
    if isinstance(source, (str, bytes)):
        return Validator(feed).validate(source)
    if isinstance(source, os.PathLike):
        return inspect_file(source, feed=feed)
    return inspect_lines(source, feed=feed)


def inspect_file(path: str | os.PathLike[str], *, feed: ProductFeed | None = None) -> Batch:
    """Validates a JSON Lines file (read as bytes; a final line without newline is read)."""
    with open(path, "rb") as f:
        data = f.read()
    return Validator(feed).validate_lines(data)


def inspect_lines(
    lines: str | bytes | Iterable[str | bytes], *, feed: ProductFeed | None = None
) -> Batch:
    """Validates JSON Lines given as one text or as an iterable of lines (line numbers count
    from 1 in iteration order; a trailing newline of each line is ignored)."""
    if isinstance(lines, (str, bytes)):
        return Validator(feed).validate_lines(lines)
    parts = [line.encode() if isinstance(line, str) else line for line in lines]
    text = b"\n".join(p[:-1] if p.endswith(b"\n") else p for p in parts)
    return Validator(feed).validate_lines(text)
