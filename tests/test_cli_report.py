"""``peerassist report`` and the briefing pack ``plan`` writes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from peerassist.cli import main
from peerassist.cli._output import Output

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden" / "documents"
BAD = ROOT / "tests" / "cli_inputs"
NOW = "2026-11-27T10:00:00Z"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), output=Output(out, err))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("kind", ["briefing", "record", "actions", "lessons"])
def test_report_prints_the_document(kind: str) -> None:
    """``report`` prints the same Markdown as the reviewed golden file."""
    code, out, err = run(
        "report", str(EXAMPLES / "riverdale-flood.toml"), "--kind", kind,
        "--format", "markdown", "--now", NOW,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (GOLDEN / f"riverdale-flood.{kind}.md").read_text(encoding="utf-8")


def test_report_writes_html_to_a_file(tmp_path: Path) -> None:
    """``--out`` writes the document (HTML by default) and says so."""
    target = tmp_path / "docs" / "briefing.html"
    code, out, err = run(
        "report", str(EXAMPLES / "ed-front-door.toml"), "--kind", "briefing",
        "--out", str(target), "--now", NOW,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == f"Wrote {target}: the briefing of 'ed-front-door-2027' as html.\n"
    expected = (GOLDEN / "ed-front-door.briefing.html").read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected


def test_report_not_ready_exits_1_with_what_is_missing(tmp_path: Path) -> None:
    """A document the assist is not ready for writes nothing and names what is missing."""
    target = tmp_path / "record.html"
    path = EXAMPLES / "ed-front-door.toml"
    code, out, err = run("report", str(path), "--kind", "record", "--out", str(target))
    assert (code, out) == (1, "")
    assert err == (
        f"peerassist report: {path}: cannot write the meeting record of"
        " 'ed-front-door-2027' yet (state 'scheduling'):\n"
        "  - state: expected quarter_1 or later (the meeting starts at quarter_1),"
        " found 'scheduling'\n"
        "  - meeting: expected notes from at least one quarter, found nothing recorded\n"
    )
    assert not target.exists()


def test_report_uses_a_host_template_folder(tmp_path: Path) -> None:
    """``--templates DIR`` overrides a packaged template by name."""
    (tmp_path / "lessons.md").write_text(
        "{% for lesson in lessons %}{{ lesson.number }}. {{ lesson.text }}\n{% endfor %}",
        encoding="utf-8",
    )
    code, out, _ = run(
        "report", str(EXAMPLES / "riverdale-flood.toml"), "--kind", "lessons",
        "--format", "markdown", "--templates", str(tmp_path),
    )  # fmt: skip
    assert code == 0
    assert out == "1. Warnings reach doorsteps through trusted neighbours, not more channels.\n"


def test_report_broken_template_is_bad_input(tmp_path: Path) -> None:
    """A host template that fails is bad input (exit 2), named, with no traceback."""
    (tmp_path / "lessons.html").write_text("{{ nothing_here }}", encoding="utf-8")
    code, _, err = run(
        "report", str(EXAMPLES / "riverdale-flood.toml"), "--kind", "lessons",
        "--templates", str(tmp_path),
    )  # fmt: skip
    assert code == 2
    assert err == "peerassist report: template lessons.html: 'nothing_here' is undefined\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--kind", "minutes"], "argument --kind: invalid choice: 'minutes'"),
        (["--kind", "record", "--format", "pdf"], "argument --format: invalid choice: 'pdf'"),
        ([], "the following arguments are required: --kind"),
    ],
)
def test_report_refuses_unknown_kinds_and_formats(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """argparse refuses a kind or format outside the lists, exit 2."""
    with pytest.raises(SystemExit) as caught:
        main(["report", str(EXAMPLES / "riverdale-flood.toml"), *argv])
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_report_bad_file_is_one_clear_paragraph() -> None:
    """A malformed assist file is named with its field, exit 2, no traceback."""
    path = BAD / "bad-email.toml"
    code, _, err = run("report", str(path), "--kind", "briefing")
    assert code == 2
    assert err.startswith(f"peerassist report: {path}: 2 problems:\n")
    assert "Traceback" not in err


def test_plan_writes_the_briefing_pack(tmp_path: Path) -> None:
    """``plan`` writes briefing.html and briefing.md, identical to ``report``'s."""
    folder = tmp_path / "plan"
    code, out, _ = run(
        "plan", str(EXAMPLES / "ed-front-door.toml"), "--out", str(folder), "--now", NOW
    )
    assert code == 0
    assert "  briefing.html, .md             the briefing pack for 6 visitor(s)\n" in out
    for name in ("ed-front-door.briefing.html", "ed-front-door.briefing.md"):
        expected = (GOLDEN / name).read_text(encoding="utf-8")
        written = folder / name.replace("ed-front-door.", "")
        assert written.read_text(encoding="utf-8") == expected


def test_plan_says_why_it_skips_the_briefing_pack(tmp_path: Path) -> None:
    """Before scheduling, ``plan`` writes no briefing pack and names the state."""
    folder = tmp_path / "plan"
    code, out, _ = run(
        "plan", str(EXAMPLES / "address-clinic.toml"), "--out", str(folder), "--now", NOW
    )
    assert code == 0
    assert (
        "  skipped: briefing pack: state: expected scheduling or later (the visitors and"
        " the date are chosen at scheduling), found 'research'\n"
    ) in out
    assert not (folder / "briefing.html").exists()
    assert not (folder / "briefing.md").exists()
