"""The rows both register backends derive from an assist, and the helpers they share."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest

from peerassist._time import DateTime
from peerassist.exceptions import InputError
from peerassist.model import Lesson, Sharing
from peerassist.register import SEARCHED_FIELDS
from peerassist.register._rows import (
    COLUMNS,
    PersonRow,
    best_field,
    check_bumped,
    check_limit,
    decode_cursor,
    dump_body,
    encode_cursor,
    from_micros,
    key_arg,
    query_words,
    rows_for,
    significant,
    text_arg,
    to_micros,
    trim,
)
from peerassist.serialize import to_dict
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 11, 2, 9, tz="UTC")


def short_assist() -> Any:
    """A closed assist whose searched texts are short: one empty, lists of two."""
    assist = make_assist("closed", now=NOW)
    meeting = assist.meeting
    assist.meeting = attrs.evolve(
        meeting,
        analysis=attrs.evolve(meeting.analysis, options=("o1", "o2"), insights=("i1",)),
        context=attrs.evolve(meeting.context, redefined_problem=""),
    )
    assist.title = "T"
    assist.purpose = attrs.evolve(assist.purpose, problem="P", learning_aim="A")
    assist.follow_up = attrs.evolve(
        assist.follow_up, lessons=(Lesson(text="l1"), Lesson(text="l2"))
    )
    return assist


def test_the_searched_fields_and_columns() -> None:
    """Search reads these fields, as these columns with these weights."""
    assert (
        "title",
        "purpose.problem",
        "purpose.learning_aim",
        "meeting.context.redefined_problem",
        "meeting.analysis.options",
        "meeting.analysis.insights",
        "follow_up.lessons",
    ) == SEARCHED_FIELDS
    assert (
        ("title", "title", 3.0),
        ("problem", "purpose.problem", 2.0),
        ("aim", "purpose.learning_aim", 1.5),
        ("redefined", "meeting.context.redefined_problem", 1.5),
        ("options", "meeting.analysis.options", 1.0),
        ("insights", "meeting.analysis.insights", 1.0),
        ("lessons", "follow_up.lessons", 2.0),
    ) == COLUMNS


def test_rows_for_derives_every_row() -> None:
    """Summary, people with roles (each once), searchable texts item by item
    (empty ones left out), list columns joined by a paragraph separator."""
    rows = rows_for(short_assist())
    assert ("pa-ed-front-door", 9, "closed", "T") == (
        rows.assist_id,
        rows.revision,
        rows.state,
        rows.title,
    )
    assert DateTime.create(2026, 9, 21, 8, tz="UTC") == rows.start
    assert "UTC" == rows.start.timezone_name  # type: ignore[union-attr]
    assert (
        ("title", "T"),
        ("purpose.problem", "P"),
        ("purpose.learning_aim", "A"),
        ("meeting.analysis.options[0]", "o1"),
        ("meeting.analysis.options[1]", "o2"),
        ("meeting.analysis.insights[0]", "i1"),
        ("follow_up.lessons[0].text", "l1"),
        ("follow_up.lessons[1].text", "l2"),
    ) == rows.texts
    assert ("T", "P", "A", "", "o1 \u2029 o2", "i1", "l1 \u2029 l2") == rows.columns
    assert (
        PersonRow(email="priya.raman@stelsewhere.nhs.example", name="Priya Raman", role="caller")
        == rows.people[0]
    )
    assert (
        PersonRow(email="grace.liu@stelsewhere.nhs.example", name="Grace Liu", role="facilitator")
        == rows.people[3]
    )
    assert ["caller", "host", "host", "facilitator", "recorder", "sponsor"] + ["visitor"] * 6 == [
        p.role for p in rows.people
    ]


def test_a_redefined_problem_is_searched_under_its_path() -> None:
    """A redefined problem, once written, is a searchable text and fills its column."""
    assist = short_assist()
    assist.meeting = attrs.evolve(
        assist.meeting,
        context=attrs.evolve(assist.meeting.context, redefined_problem="R"),
    )
    rows = rows_for(assist)
    assert ("meeting.context.redefined_problem", "R") == rows.texts[3]
    assert "R" == rows.columns[3]


def test_rows_for_an_unscheduled_assist_has_no_start() -> None:
    """An assist without a meeting date has no start row."""
    assert rows_for(make_assist("scoping", now=NOW)).start is None


def test_unshared_lessons_means_lessons_and_no_sharing() -> None:
    """Only an assist with lessons and no recorded sharing has unshared lessons."""
    assist = short_assist()
    shared = assist.follow_up.shared_with
    assert () != shared
    assert not rows_for(assist).unshared_lessons
    assist.follow_up = attrs.evolve(assist.follow_up, shared_with=())
    assert rows_for(assist).unshared_lessons
    assist.follow_up = attrs.evolve(assist.follow_up, lessons=())
    assert not rows_for(assist).unshared_lessons
    assist.follow_up = attrs.evolve(
        assist.follow_up, shared_with=(Sharing(audience="Board", how="Paper"),)
    )
    assert not rows_for(assist).unshared_lessons


def test_rows_for_refuses_what_is_not_an_assist() -> None:
    """A dict is InputError naming ``assist`` and the type found."""
    with pytest.raises(InputError) as caught:
        rows_for({"id": "pa-x"})  # type: ignore[arg-type]
    assert ("assist",) == caught.value.paths
    assert "dict" == caught.value.problems[0].found


def test_the_body_is_sorted_json_keeping_non_ascii_text() -> None:
    """The stored body is the file format's JSON, keys sorted, "é" kept as is."""
    assist = short_assist()
    assist.title = "Café triage"
    body = rows_for(assist).body
    assert '"title": "Café triage"' in body
    keys = list(json.loads(body))
    assert keys != list(to_dict(assist))  # the format's own order is not sorted
    assert sorted(keys) == keys
    assert body == dump_body(assist)


# -- the best field of a hit -------------------------------------------------------


def columns(**texts: str) -> list[str | None]:
    """One highlighted text per search column, None where not given."""
    names = [name for name, _, _ in COLUMNS]
    return [texts.get(name) for name in names]


def test_best_field_without_marks_is_the_empty_title() -> None:
    """No column with a marked word: the title, with no snippet."""
    assert ("title", "") == best_field(columns())
    assert ("title", "") == best_field(columns(title="no mark", options="a \u2029 b"))


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # The weights: title 3, problem 2, aim 1.5, redefined 1.5, lists 1,
        # lessons 2; a tie goes to the earlier column.
        ({"title": "**a** **b**", "problem": "**a** **b** **c**"}, "title"),
        ({"title": "**a**", "problem": "**a** **b**"}, "purpose.problem"),
        ({"title": "**a**", "aim": "**a** **b**"}, "title"),
        ({"title": "**a**", "aim": "**a** **b** x **c**"}, "purpose.learning_aim"),
        ({"title": "**a**", "redefined": "**a** **b**"}, "title"),
        ({"problem": "**a**", "redefined": "**a** **b**"}, "meeting.context.redefined_problem"),
        ({"title": "**a**", "options": "**a** **b** **c**"}, "title"),
        ({"aim": "**a**", "options": "**a** **b**"}, "meeting.analysis.options[0]"),
        ({"title": "**a**", "insights": "**a** **b** **c**"}, "title"),
        ({"aim": "**a**", "insights": "**a** **b**"}, "meeting.analysis.insights[0]"),
        ({"title": "**a** **b**", "lessons": "**a** **b** **c**"}, "title"),
        ({"title": "**a**", "lessons": "**a** **b**"}, "follow_up.lessons[0].text"),
        ({"problem": "x", "aim": "**a**"}, "purpose.learning_aim"),
    ],
)
def test_best_field_weighs_marked_words_by_column(texts: dict[str, str], expected: str) -> None:
    """The most marked words times the column's weight win; the earlier column on a tie."""
    assert expected == best_field(columns(**texts))[0]


def test_best_field_names_the_item_of_a_list() -> None:
    """In a list column the item with the most marked words is named, the
    first on a tie; its snippet is that item alone."""
    options = "one \u2029 **two** plus \u2029 **three** **four** \u2029 **five** **six**"
    assert ("meeting.analysis.options[2]", "**three** **four**") == best_field(
        columns(options=options)
    )
    insights = "plain \u2029 **a** one \u2029 **b** two"
    assert ("meeting.analysis.insights[1]", "**a** one") == best_field(columns(insights=insights))
    lessons = "plain \u2029 still plain \u2029 a **lesson**"
    assert ("follow_up.lessons[2].text", "a **lesson**") == best_field(columns(lessons=lessons))


def test_best_field_snippet_is_trimmed() -> None:
    """A long best text comes back as the window of words around its first mark."""
    words = [f"w{n}" for n in range(40)]
    words[20] = "**hit**"
    assert (
        "purpose.problem",
        "..." + " ".join(words[14:38]) + "...",
    ) == best_field(columns(problem=" ".join(words)))


# -- trimming ------------------------------------------------------------------------


def numbered(count: int, mark: int | None = None) -> list[str]:
    """``count`` words w0, w1, ...; the one at ``mark`` marked."""
    words = [f"w{n}" for n in range(count)]
    if mark is not None:
        words[mark] = f"**{words[mark]}**"
    return words


def test_trim_keeps_a_short_text_whole() -> None:
    """24 words or fewer come back whole, spaces made single."""
    assert "a b c" == trim("  a \n b   c ")
    words = numbered(24, mark=10)
    assert " ".join(words) == trim("  ".join(words))


def test_trim_cuts_a_window_of_24_words_from_six_before_the_mark() -> None:
    """A long text is cut to 24 words from six before the first mark, with
    "..." where words were left out."""
    words = numbered(40, mark=10)
    assert "..." + " ".join(words[4:28]) + "..." == trim(" ".join(words))
    words = numbered(30, mark=12)  # the window reaches the end
    assert "..." + " ".join(words[6:30]) == trim(" ".join(words))
    words = numbered(30, mark=7)  # one word before the window
    assert "..." + " ".join(words[1:25]) + "..." == trim(" ".join(words))
    words = numbered(30, mark=2)  # the window starts at the first word
    assert " ".join(words[0:24]) + "..." == trim(" ".join(words))
    words = numbered(30)  # no mark: from the start
    assert " ".join(words[0:24]) + "..." == trim(" ".join(words))


def test_trim_takes_its_window_as_asked() -> None:
    """``before`` and ``words`` set the window."""
    words = numbered(10, mark=5)
    assert "..." + " ".join(words[4:7]) + "..." == trim(" ".join(words), before=1, words=3)


# -- query words ----------------------------------------------------------------------


def test_query_words_lower_case_once_each_without_punctuation() -> None:
    """Words are split at punctuation and underscores, case-folded, kept once, in order."""
    assert ["ambulance", "handover", "delays", "x", "strasse"] == query_words(
        "Ambulance, AMBULANCE! handover-delays_x STRASSE Straße"
    )


def test_query_words_keeps_the_first_32() -> None:
    """A text of 40 different words is searched for its first 32."""
    words = [f"w{n}" for n in range(40)]
    assert words[:32] == query_words(" ".join(words))


@pytest.mark.parametrize(("text", "found"), [(5, "int"), (None, "NoneType"), ("?! --", "'?! --'")])
def test_query_words_refuses_text_without_words(text: object, found: str) -> None:
    """Not text, or text without a word, is InputError naming the path given ("text" by default)."""
    with pytest.raises(InputError) as caught:
        query_words(text)
    assert ("text",) == caught.value.paths
    assert found == caught.value.problems[0].found
    with pytest.raises(InputError) as named:
        query_words(text, "query")
    assert ("query",) == named.value.paths


def test_significant_drops_stop_words_and_single_letters() -> None:
    """Stop words and one-letter words go, unless nothing else is left."""
    assert ["ed", "triage"] == significant(["the", "ed", "x", "triage", "and"])
    assert ["the", "a"] == significant(["the", "a"])
    assert ["x"] == significant(["x"])


# -- arguments ---------------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 2, 999, 1000])
def test_check_limit_accepts_1_to_1000(limit: int) -> None:
    """A whole number from 1 to 1000 is returned as it is."""
    assert limit == check_limit(limit)


@pytest.mark.parametrize("limit", [0, -1, 1001, True, 1.0, "5", None])
def test_check_limit_refuses_others(limit: object) -> None:
    """Anything else is InputError naming ``limit`` (or the path given)."""
    with pytest.raises(InputError) as caught:
        check_limit(limit)
    assert ("limit",) == caught.value.paths
    assert repr(limit) == caught.value.problems[0].found
    with pytest.raises(InputError) as named:
        check_limit(limit, "top")
    assert ("top",) == named.value.paths


def test_check_limit_takes_its_maximum() -> None:
    """``most`` sets the largest limit accepted."""
    assert 5 == check_limit(5, most=5)
    with pytest.raises(InputError):
        check_limit(6, most=5)


def test_key_and_text_arguments_must_be_text() -> None:
    """An id or a text filter that is not a string is InputError naming it."""
    assert "pa-1" == key_arg("pa-1")
    assert "closed" == text_arg("closed", "state")
    with pytest.raises(InputError) as key:
        key_arg(5)
    assert (("assist_id",), "int") == (key.value.paths, key.value.problems[0].found)
    with pytest.raises(InputError) as text:
        text_arg(b"closed", "state")
    assert (("state",), "bytes") == (text.value.paths, text.value.problems[0].found)


def test_check_bumped_wants_a_revision_above_the_loaded_one() -> None:
    """A revision above the loaded one passes; the same or lower one is
    InputError naming ``revision``; a bad expected revision or assist is
    InputError naming it."""
    assist = make_assist(now=NOW)
    assist.revision = 4
    check_bumped(assist, 3)
    check_bumped(assist, 0)
    for loaded in (4, 5):
        with pytest.raises(InputError) as caught:
            check_bumped(assist, loaded)
        assert (("revision",), "4") == (caught.value.paths, caught.value.problems[0].found)
    for bad in (True, "3", 3.0, None):
        with pytest.raises(InputError) as caught:
            check_bumped(assist, bad)
        assert ("expected_revision",) == caught.value.paths
    with pytest.raises(InputError) as caught:
        check_bumped(to_dict(assist), 3)
    assert (("assist",), "dict") == (caught.value.paths, caught.value.problems[0].found)


# -- instants and cursors -------------------------------------------------------------


def test_micros_count_from_the_unix_epoch_in_utc() -> None:
    """1 Jan 2000 00:00:00.000250 UTC is 946,684,800,000,250 microseconds
    after the epoch, whatever zone it is given in, and back in UTC."""
    paris = DateTime.create(2000, 1, 1, 1, 0, 0, 250, tz="Europe/Paris")
    assert 946_684_800_000_250 == to_micros(paris)
    back = from_micros(946_684_800_000_250)
    assert DateTime.create(2000, 1, 1, 0, 0, 0, 250, tz="UTC") == back
    assert (0, 250, "UTC") == (back.second, back.microsecond, back.timezone_name)
    assert DateTime.create(1969, 12, 31, 23, 59, 59, 999_999, tz="UTC") == from_micros(-1)
    assert 1_999_999 == to_micros(DateTime.create(1970, 1, 1, 0, 0, 1, 999_999, tz="UTC"))


def test_a_cursor_is_unpadded_url_safe_base64_of_json() -> None:
    """The cursor of (5, "pa-2") is the base64 of '[5,"pa-2"]' without
    padding, and reads back; cursors needing one or two "=" read back too."""
    assert "WzUsInBhLTIiXQ" == encode_cursor(5, "pa-2")
    assert (5, "pa-2") == decode_cursor("WzUsInBhLTIiXQ")
    assert (5, "xy") == decode_cursor("WzUsInh5Il0")  # '[5,"xy"]': one "=" left out
    assert (5, "pa-123") == decode_cursor("WzUsInBhLTEyMyJd")  # none left out
    assert (7, "pa") == decode_cursor("WzcsInBhIl0")


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor!",
        "",
        "WzUsInBh",  # '[5,"pa' cut short
        "WzUsNl0",  # '[5,6]'
        "WyI1IiwieCJd",  # '["5","x"]'
        "W3RydWUsIngiXQ",  # '[true,"x"]'
        "WzVd",  # '[5]'
        "NQ",  # '5'
    ],
)
def test_a_cursor_the_register_did_not_give_is_refused(cursor: str) -> None:
    """InputError naming ``cursor``."""
    with pytest.raises(InputError) as caught:
        decode_cursor(cursor)
    assert ("cursor",) == caught.value.paths
    assert repr(cursor) == caught.value.problems[0].found


def test_a_cursor_must_be_text() -> None:
    """A cursor that is not a string is InputError naming ``cursor`` and its type."""
    with pytest.raises(InputError) as caught:
        decode_cursor(5)
    assert (("cursor",), "int") == (caught.value.paths, caught.value.problems[0].found)


def test_a_text_argument_that_is_not_text_says_text_was_expected() -> None:
    """text_arg refuses a number, naming the argument, "text" and the type found."""
    with pytest.raises(InputError) as caught:
        text_arg(42, "email")
    problem = caught.value.problems[0]
    assert ("email", "text", "int") == (problem.path, problem.expected, problem.found)
