"""The [agenda] table: AgendaOptions in the file, applied by agenda_for and the CLI."""

from __future__ import annotations

import io
import re
from pathlib import Path

import attrs
import pytest

from peerassist import dump, from_dict, load, to_dict
from peerassist._time import duration
from peerassist.agenda import agenda_for
from peerassist.cli import main
from peerassist.cli._output import Output
from peerassist.exceptions import InputError
from peerassist.model import AgendaOptions, PauseOption

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE = EXAMPLES_DIR / "ed-front-door.toml"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), output=Output(out, err))
    return code, out.getvalue(), err.getvalue()


def times(agenda: object, title: str) -> list[str]:
    """The local spans of the slots with this title."""
    return [f"{s.start:%H:%M}-{s.end:%H:%M}" for s in agenda if s.title == title]  # type: ignore[attr-defined]


FULL = AgendaOptions(
    preset="one-day",
    tolerance=15,
    min_piece=25,
    opening=20,
    closing=25,
    breaks=(PauseOption(length=20, earliest="10:30", latest="11:30", title="Coffee break"),),
    lunch=PauseOption(length=0),
    quarters=(90, 100, 100, 90),
)


def test_the_table_round_trips_through_toml_and_json(tmp_path: Path) -> None:
    """Every field of [agenda] is written and read back unchanged, in TOML and JSON."""
    assist = load(EXAMPLE)
    assist.agenda = FULL
    for name in ("a.toml", "a.json"):
        dump(assist, tmp_path / name)
        assert load(tmp_path / name).agenda == FULL
    text = (tmp_path / "a.toml").read_text()
    assert "[agenda]" in text
    assert 'preset = "one-day"' in text


def test_a_file_without_the_table_has_no_options() -> None:
    """Existing files load with agenda None, and write no [agenda] table."""
    assist = load(EXAMPLE)
    assert assist.agenda is None
    assert "agenda" not in to_dict(assist)


@pytest.mark.parametrize(
    ("table", "path", "expected"),
    [
        ({"preset": "three-days"}, "agenda.preset", "one of half-day"),
        ({"tolerance": -5}, "agenda.tolerance", "at least 0"),
        ({"quarters": [10, 100, 100, 90]}, "agenda.quarters[0]", "15% to 35%"),
        ({"quarters": [90, 90]}, "agenda.quarters", "four positive"),
        ({"breaks": [{"length": 15, "earliest": "25:00"}]}, "agenda.breaks[0].earliest", "HH:MM"),
        (
            {"lunch": {"length": 40, "earliest": "13:00", "latest": "12:00"}},
            "agenda.lunch.latest",
            "after earliest",
        ),
        ({"colour": "red"}, "agenda.colour", ""),
    ],
)
def test_bad_values_name_their_path(table: dict[str, object], path: str, expected: str) -> None:
    """A bad [agenda] value is refused with its full path and what was expected."""
    data = to_dict(load(EXAMPLE))
    data["agenda"] = table
    with pytest.raises(InputError) as info:
        from_dict(data)
    assert path in info.value.paths
    assert expected in str(info.value)


def test_agenda_for_applies_the_table() -> None:
    """The file's breaks, lunch, opening, preset and quarters shape the agenda."""
    assist = attrs.evolve(load(EXAMPLE), agenda=FULL)
    agenda = agenda_for(assist)
    assert times(agenda, "Opening: why we are here") == ["09:00-09:20"]
    # Day 1 has 7 h of quarter time: the break goes as late as its window lets it
    # (it must end by 11:30); day 2 has 3 h 5 min, halved at 10:40.
    assert times(agenda, "Coffee break") == ["11:10-11:30", "10:40-11:00"]
    assert not times(agenda, "Lunch")
    assert times(agenda, "Closing: actions and reflections") == ["12:35-13:00"]
    minutes = [int(d.total_seconds()) // 60 for d in agenda.quarter_totals().values()]
    # 615 min of quarter time shared 90:100:100:90 is 145.7, 161.8, 161.8, 145.7.
    targets = [145.7, 161.8, 161.8, 145.7]
    assert all(abs(m - t) <= 5 for m, t in zip(minutes, targets, strict=True)), minutes


def test_arguments_win_over_the_table() -> None:
    """agenda_for's own options replace the file's."""
    assist = attrs.evolve(load(EXAMPLE), agenda=AgendaOptions(opening=20))
    agenda = agenda_for(assist, opening=duration(minutes=30))
    assert times(agenda, "Opening: why we are here") == ["09:00-09:30"]


def test_a_pause_whose_window_cannot_hold_it_is_named_under_agenda() -> None:
    """A 40-minute lunch in a 30-minute window is refused at agenda.lunch."""
    options = AgendaOptions(lunch=PauseOption(length=40, earliest="12:00", latest="12:30"))
    assist = attrs.evolve(load(EXAMPLE), agenda=options)
    with pytest.raises(InputError) as info:
        agenda_for(assist)
    assert info.value.paths == ("agenda.lunch.latest",)


def test_cli_preset_and_tolerance(tmp_path: Path) -> None:
    """--preset and --tolerance reach the planner; bad values exit 2 naming the flag."""
    code, out, _ = run("agenda", str(EXAMPLE), "--preset", "one-day", "--tolerance", "15")
    assert code == 0
    assert "09:00-09:15 GMT      15 min  Opening: why we are here" in out
    code, _, err = run("agenda", str(EXAMPLE), "--tolerance", "soon")
    assert code == 2
    assert "--tolerance: expected a whole number of minutes" in err
    code, _, err = run("agenda", str(EXAMPLE), "--preset", "fortnight")
    assert code == 2
    assert "--preset: expected one of half-day" in err
    code, out, _ = run("plan", str(EXAMPLE), "--out", str(tmp_path), "--preset", "one-day")
    assert "09:00-09:15 GMT      15 min  Opening" in (tmp_path / "agenda.txt").read_text()


def test_cli_for_shows_a_participants_own_times() -> None:
    """--for EMAIL shows the agenda in that person's zone (Prague is an hour ahead)."""
    code, out, _ = run("agenda", str(EXAMPLE), "--for", "elena.novak@logistics.example")
    assert code == 0
    assert "Europe/Prague" in out
    assert "10:00-10:30 CET      30 min  Opening: why we are here" in out
    code, _, err = run("agenda", str(EXAMPLE), "--for", "nobody@example.org")
    assert code == 2
    assert "--for: expected the email of a participant" in err


def test_cli_for_notes_an_overnight_clock_change(tmp_path: Path) -> None:
    """A day after the participant's clocks changed overnight carries a note."""
    assist = load(EXAMPLE)
    windows = assist.logistics.windows
    # Move the two days to 28-29 March 2027: London springs forward in the night.
    moved = tuple(
        attrs.evolve(w, start=w.start.set(month=3, day=28 + i), end=w.end.set(month=3, day=28 + i))
        for i, w in enumerate(windows)
    )
    social = assist.logistics.social
    brief = assist.logistics.pre_brief
    assert social is not None
    assert brief is not None
    assist.logistics = attrs.evolve(
        assist.logistics,
        windows=moved,
        social=attrs.evolve(social, start=social.start.set(day=27), end=social.end.set(day=27)),
        pre_brief=attrs.evolve(brief, start=brief.start.set(day=27), end=brief.end.set(day=27)),
    )
    dump(assist, tmp_path / "a.toml")
    code, out, _ = run("agenda", str(tmp_path / "a.toml"), "--for", "elena.novak@logistics.example")
    assert code == 0
    assert re.search(r"Note: on Sun 2027-03-28 the clocks in Europe/Prague have changed", out)


def test_cli_attendee_zones_add_a_column_per_zone() -> None:
    """--attendee-zones shows each slot in every participant's zone (Paris is an hour ahead)."""
    code, out, _ = run("agenda", str(EXAMPLES_DIR / "address-clinic.toml"), "--attendee-zones")
    assert code == 0
    assert "Also shown in: Europe/Paris, Africa/Johannesburg, America/New_York" in out
    assert (
        "  14:15-14:25 GMT  15:15-15:25 CET  16:15-16:25 SAST  09:15-09:25 EST"
        "      10 min  Quarter 1: context"
    ) in out
    code, out, _ = run(
        "agenda",
        str(EXAMPLES_DIR / "address-clinic.toml"),
        "--attendee-zones",
        "--format",
        "markdown",
    )
    assert "| Time | Europe/Paris | Africa/Johannesburg | America/New_York | Length |" in out


def test_the_starter_file_shows_the_table_and_it_loads_uncommented(tmp_path: Path) -> None:
    """`peerassist new` writes the [agenda] table commented; uncommented, it loads as written."""
    path = tmp_path / "new.toml"
    code, _, _ = run("new", str(path))
    assert code == 0
    text = path.read_text(encoding="utf-8")
    assert "# [agenda]" in text
    assert load(path).agenda is None
    shown = ("[agenda]", "preset", "tolerance", "quarters", "lunch", "breaks = [", "    {", "]")
    lines = [
        line[2:] if line.startswith(tuple(f"# {start}" for start in shown)) else line
        for line in text.splitlines()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert load(path).agenda == AgendaOptions(
        preset="one-day",
        tolerance=10,
        quarters=(90, 90, 80, 80),
        breaks=(
            PauseOption(length=15, earliest="10:15", latest="11:45"),
            PauseOption(length=15, earliest="14:15", latest="16:00"),
        ),
        lunch=PauseOption(length=40, earliest="12:00", latest="14:00"),
    )
