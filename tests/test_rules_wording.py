"""The wording checks (M01, M02, M13, M21, X02) against a labelled set of sentences.

``tests/data/sentences.csv`` holds realistic problem statements, purposes,
deliverables and feedback from hospitals, local government, engineering and
charities, each labelled ``flag`` (a facilitator would query it) or ``ok``.
Each check is run on every sentence of its kind; precision and recall are
printed, and a check that flags at warning severity must reach a precision
of 0.9 (one that falls short is a note, which never blocks).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from peerassist._time import DateTime
from peerassist.model import FeedbackItem, PeerAssist
from peerassist.rules import DEFAULT_RULES, FunctionRule, RuleContext, Severity
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 11, 2, 12, tz="UTC")
DATA = Path(__file__).parent / "data" / "sentences.csv"
with DATA.open(encoding="utf-8", newline="") as _file:
    ROWS = list(csv.DictReader(_file))
RULES = {r.code: r for r in DEFAULT_RULES}
BASE = make_assist("quarter_4", now=NOW)


def _problem(text: str) -> PeerAssist:
    return attrs.evolve(BASE, purpose=attrs.evolve(BASE.purpose, problem=text))


def _aim(text: str) -> PeerAssist:
    return attrs.evolve(BASE, purpose=attrs.evolve(BASE.purpose, learning_aim=text))


def _deliverable(text: str) -> PeerAssist:
    return attrs.evolve(BASE, purpose=attrs.evolve(BASE.purpose, deliverables=(text,)))


def _feedback(text: str) -> PeerAssist:
    item = FeedbackItem(text=text, positive=True)
    return attrs.evolve(BASE, meeting=attrs.evolve(BASE.meeting, feedback=(item,)))


def _title_or_aim(text: str) -> PeerAssist:
    return _aim(text)


CHECKS: dict[str, tuple[str, Callable[[str], PeerAssist]]] = {
    "M01": ("PA-M01-vague-problem", _problem),
    "M02": ("PA-M02-seeks-endorsement", _aim),
    "M13": ("PA-M13-deliverable-is-an-answer", _deliverable),
    "M21": ("PA-M21-prescriptive-feedback", _feedback),
    "X02": ("PA-X02-evaluative-purpose", _title_or_aim),
}


def _flags(rule: FunctionRule, assist: PeerAssist) -> bool:
    ctx = RuleContext(now=NOW, state="quarter_4")
    return any(True for _ in rule(assist, ctx))


def _confusion(check: str) -> tuple[int, int, int, int, list[str]]:
    code, build = CHECKS[check]
    rule = RULES[code]
    tp = fp = fn = tn = 0
    wrong: list[str] = []
    for row in ROWS:
        if row["check"] != check:
            continue
        expected = row["expected"] == "flag"
        found = _flags(rule, build(row["text"]))
        if found and expected:
            tp += 1
        elif found:
            fp += 1
            wrong.append(f"false alarm: {row['text']}")
        elif expected:
            fn += 1
            wrong.append(f"missed: {row['text']}")
        else:
            tn += 1
    return tp, fp, fn, tn, wrong


def test_the_set_is_big_enough_and_labelled() -> None:
    """At least 150 sentences, every one labelled flag or ok, for every check."""
    assert len(ROWS) >= 150
    assert {r["expected"] for r in ROWS} == {"flag", "ok"}
    assert {r["check"] for r in ROWS} == set(CHECKS)
    for check in CHECKS:
        labels = {r["expected"] for r in ROWS if r["check"] == check}
        assert labels == {"flag", "ok"}, check


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_wording_check_precision(check: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Print each check's precision and recall; a warning needs precision >= 0.9."""
    tp, fp, fn, tn, wrong = _confusion(check)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    with capsys.disabled():
        print(
            f"\n{check} {CHECKS[check][0]}: precision {precision:.2f}, recall {recall:.2f}"
            f" (tp {tp}, fp {fp}, fn {fn}, tn {tn})"
        )
        for line in wrong:
            print(f"  {line}")
    rule = RULES[CHECKS[check][0]]
    if rule.severity is not Severity.INFO:
        assert precision >= 0.9
    assert recall >= 0.5
