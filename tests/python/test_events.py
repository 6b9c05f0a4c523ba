"""Tracking-event validation through Python (docs/events.md): single documents, files, iterables
of lines, the product feed; outputs byte-identical to `vshop inspect`'s golden files."""

from __future__ import annotations

import pathlib

import pytest

import vshop

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "events"


def test_single_document() -> None:
    result = vshop.inspect('{"type":"x"}')
    assert isinstance(result, vshop.Validation) and not result.ok and result.line is None
    (issue,) = result.issues
    assert (issue.severity, issue.code, issue.path) == (
        vshop.Severity.CRITICAL, vshop.IssueCode.TYPE_UNKNOWN, "/type",
    )  # fmt: skip
    assert vshop.inspect(b"{") == vshop.Validator().validate("{")


@pytest.mark.parametrize("name", ["good", "bad", "stream"])
def test_file_matches_inspect_golden_output(name: str) -> None:
    batch = vshop.inspect(DATA / f"{name}.jsonl")
    assert batch.to_json_lines() == (DATA / f"{name}.expected.jsonl").read_text()


def test_summary_matches_golden_outputs() -> None:
    batch = vshop.inspect_file(DATA / "bad.jsonl")
    assert batch.summary_json() == (DATA / "bad.summary.expected.jsonl").read_text()
    assert (DATA / "bad.text.expected.txt").read_text().startswith(batch.summary_text())
    summary = batch.summary
    assert (summary.events, summary.critical, summary.warning) == (18, 19, 23)
    assert summary.by_code[0].code is vshop.IssueCode.LOCATION_MISSING
    assert summary.by_code[0].count == 4 and "<table>" in summary._repr_html_()
    assert batch.critical_documents == sum(1 for doc in _documents(batch) if not doc.ok)


def _documents(batch: vshop.Batch) -> list[vshop.Validation]:
    return [batch[i] for i in range(len(batch))]


def test_iterable_of_lines_numbers_lines_like_the_file() -> None:
    text = (DATA / "bad.jsonl").read_bytes()  # holds invalid UTF-8 on purpose
    from_lines = vshop.inspect(iter(text.splitlines(keepends=True)))
    assert from_lines.to_json_lines() == vshop.inspect_lines(text).to_json_lines()
    docs = _documents(from_lines)
    assert docs[0].line == 1 and docs[-1] == from_lines[-1]
    with pytest.raises(IndexError):
        from_lines[len(from_lines)]


def test_product_feed() -> None:
    feed = vshop.ProductFeed.from_json_lines((DATA / "feed.jsonl").read_bytes())
    assert len(feed) > 0
    batch = vshop.inspect(DATA / "feed_events.jsonl", feed=feed)
    assert batch.to_json_lines() == (DATA / "feed_events.expected.jsonl").read_text()
    with pytest.raises(vshop.InvalidArgument):
        vshop.ProductFeed.from_json_lines("{not json")
