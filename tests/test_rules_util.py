"""The rules' shared helpers: net meeting time per local day, phrase matching, wording.

Every expected figure below is worked out by hand from the presets' pauses
(``one-day``: breaks of 15 min in 10:15-11:45 and 14:15-16:00, lunch of
40 min in 12:00-14:00, coffee of 15 min at the start; ``half-day``: one
15-min break anywhere, coffee of 15 min; ``virtual-clinic``: no pauses,
5 min of arrivals at the start).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerassist._time import Date, DateTime, duration
from peerassist.agenda._presets import ONE_DAY, Pause
from peerassist.model import AgendaOptions, MeetingWindow, PeerAssist, SocialTime
from peerassist.policy import Policy
from peerassist.rules import RuleContext, Severity
from peerassist.rules._util import (
    _FIRST_WORDS,
    _PATTERNS,
    _PAUSES,
    _pauses,
    describe_days,
    describe_length,
    find_each,
    first_words,
    holds_any,
    holidays,
    local_day,
    local_time,
    make,
    matches,
    meeting_time_by_day,
    phrase_pattern,
    quoted,
    seconds_between,
    texts_of_purpose,
    timestamp,
    trie_pattern,
    utc,
)
from peerassist.testing import make_assist

NOW = DateTime.create(2026, 3, 10, 12, tz="UTC")
LONDON = "Europe/London"
MIN = 60.0  # seconds in a minute, to write the expected figures in minutes


def at(day: Date, hour: int, minute: int = 0, second: int = 0, zone: str = LONDON) -> DateTime:
    return DateTime.create(day.year, day.month, day.day, hour, minute, second, tz=zone)


def assist_with(
    *spans: tuple[DateTime, DateTime],
    preset: str | None = None,
    profile: str | None = None,
    social: tuple[DateTime, DateTime] | None = None,
) -> PeerAssist:
    assist = make_assist("scheduling", now=NOW)
    windows = tuple(MeetingWindow(start=s, end=e) for s, e in spans)
    kept = None if social is None else SocialTime(kind="coffee", start=social[0], end=social[1])
    assist.logistics = attrs.evolve(assist.logistics, windows=windows, social=kept)
    assist.agenda = None if preset is None else AgendaOptions(preset=preset)
    assist.profile = profile
    return assist


DAY = Date(2026, 3, 24)  # a Tuesday, GMT (UTC+0)
NEXT = Date(2026, 3, 25)


# Instants and local days


def test_naive_instants_are_utc_and_a_wall_time_for_the_day() -> None:
    """A naive instant is UTC for comparing, and its own wall time for its day in a zone."""
    naive = DateTime(2026, 3, 24, 23, 30)
    assert utc(naive) == dt.datetime(2026, 3, 24, 23, 30)
    assert local_day(naive, "Asia/Tokyo") == Date(2026, 3, 24)
    assert local_day(naive, "America/New_York") == Date(2026, 3, 24)


def test_aware_instants_in_another_zone() -> None:
    """23:30 in New York (EDT, UTC-4) is 03:30 UTC and 25 March in London."""
    late = DateTime.create(2026, 3, 24, 23, 30, tz="America/New_York")
    assert utc(late) == dt.datetime(2026, 3, 25, 3, 30)
    assert local_day(late, LONDON) == NEXT
    shown = local_time(late, "Asia/Tokyo")
    assert (shown.day, shown.hour, shown.utcoffset()) == (25, 12, dt.timedelta(hours=9))
    assert seconds_between(late, at(NEXT, 3, 45)) == 15 * MIN


def test_holidays_follow_the_policy() -> None:
    """No holiday predicate unless the policy skips bank holidays; then Christmas is one."""
    assert holidays(RuleContext(now=NOW)) is None
    found = holidays(RuleContext(now=NOW, policy=Policy(bank_holidays=True)))
    assert found is not None
    assert found(Date(2026, 12, 25))
    assert not found(Date(2026, 12, 23))


def test_full_day_loses_its_breaks_lunch_and_coffee() -> None:
    """09:00-17:00 on the one-day preset nets 8 h less 15+40+15 min pauses and 15 min coffee."""
    got = meeting_time_by_day(assist_with((at(DAY, 9), at(DAY, 17)), preset="one-day"))
    assert got == {DAY: (480 - 85) * MIN}


def test_break_counts_when_its_window_meets_the_meeting_with_room() -> None:
    """A break ending right at the window's end counts; one with 5 min short of room does not."""
    fits = assist_with((at(DAY, 9), at(DAY, 10, 30)), preset="one-day")
    assert meeting_time_by_day(fits) == {DAY: (90 - 15 - 15) * MIN}
    short = assist_with((at(DAY, 9), at(DAY, 10, 25)), preset="one-day")
    assert meeting_time_by_day(short) == {DAY: (85 - 15) * MIN}


def test_break_window_partly_outside_the_meeting() -> None:
    """From 10:30 the first break still fits before 11:45; from 11:40 it does not."""
    early = assist_with((at(DAY, 10, 30), at(DAY, 17)), preset="one-day")
    assert meeting_time_by_day(early) == {DAY: (390 - 85) * MIN}
    late = assist_with((at(DAY, 11, 40), at(DAY, 17)), preset="one-day")
    assert meeting_time_by_day(late) == {DAY: (320 - 70) * MIN}


def test_lunch_needs_room_between_earliest_and_latest() -> None:
    """Lunch (40 min, 12:00-14:00) is left out of a morning to 12:30 and an afternoon from 13:30.

    The coffee is the first day's only: the second window loses its break alone.
    """
    got = meeting_time_by_day(
        assist_with(
            (at(DAY, 9), at(DAY, 12, 30)), (at(NEXT, 13, 30), at(NEXT, 17)), preset="one-day"
        )
    )
    assert got == {DAY: (210 - 15 - 15) * MIN, NEXT: (210 - 15) * MIN}


def test_lunch_inside_a_short_window() -> None:
    """09:00-13:00 holds the first break and lunch (12:00-12:40) and the coffee."""
    got = meeting_time_by_day(assist_with((at(DAY, 9), at(DAY, 13)), preset="one-day"))
    assert got == {DAY: (240 - 15 - 40 - 15) * MIN}


def test_window_starting_on_an_odd_second() -> None:
    """From 11:30:30 the first break (to 11:45) has 14.5 min of room: it is left out."""
    got = meeting_time_by_day(assist_with((at(DAY, 11, 30, 30), at(DAY, 17)), preset="one-day"))
    assert got == {DAY: (329.5 - 40 - 15 - 15) * MIN}


def test_two_windows_on_one_day_add_up() -> None:
    """09:00-10:00 (coffee) and 14:00-15:00 (second break; lunch has no room) make 90 min."""
    got = meeting_time_by_day(
        assist_with((at(DAY, 9), at(DAY, 10)), (at(DAY, 14), at(DAY, 15)), preset="one-day")
    )
    assert got == {DAY: (45 + 45) * MIN}


def test_social_time_overlapping_inside_and_outside() -> None:
    """The assist's own social time replaces the coffee and counts only where it overlaps."""
    window = (at(DAY, 9), at(DAY, 17))
    overlapping = assist_with(window, preset="one-day", social=(at(DAY, 8, 30), at(DAY, 9, 30)))
    assert meeting_time_by_day(overlapping) == {DAY: (480 - 70 - 30) * MIN}
    inside = assist_with(window, preset="one-day", social=(at(DAY, 15), at(DAY, 16)))
    assert meeting_time_by_day(inside) == {DAY: (480 - 70 - 60) * MIN}
    after = assist_with(window, preset="one-day", social=(at(DAY, 17, 30), at(DAY, 19)))
    assert meeting_time_by_day(after) == {DAY: (480 - 70) * MIN}
    before = assist_with(window, preset="one-day", social=(at(DAY, 7), at(DAY, 8)))
    assert meeting_time_by_day(before) == {DAY: (480 - 70) * MIN}


def test_net_time_is_never_negative() -> None:
    """Half an hour of social time over a 30-min window that also holds a break nets zero."""
    window = (at(DAY, 9), at(DAY, 9, 30))
    got = meeting_time_by_day(assist_with(window, preset="half-day", social=window))
    assert got == {DAY: 0.0}


def test_coffee_is_cut_to_a_window_shorter_than_it() -> None:
    """A 3-min clinic window loses 3 min, not the 5 min of arrivals: it nets zero."""
    got = meeting_time_by_day(assist_with((at(DAY, 10), at(DAY, 10, 3)), profile="clinic"))
    assert got == {DAY: 0.0}


def test_window_crossing_local_midnight_counts_on_its_first_day() -> None:
    """22:00-02:00 is four hours of the first day, less only the coffee (no pause meets it)."""
    got = meeting_time_by_day(assist_with((at(DAY, 22), at(NEXT, 2)), preset="one-day"))
    assert got == {DAY: (240 - 15) * MIN}


def test_days_and_pauses_are_local_to_the_meeting_zone() -> None:
    """In Prague (UTC+1, the windows' zone) a 00:30 start is that day, and the
    pauses sit at Prague's wall times."""
    prague = "Europe/Prague"
    got = meeting_time_by_day(
        assist_with(
            (at(DAY, 0, 30, zone=prague), at(DAY, 1, 30, zone=prague)),
            (at(NEXT, 9, zone=prague), at(NEXT, 10, 30, zone=prague)),
            preset="one-day",
        )
    )
    assert got == {DAY: (60 - 15) * MIN, NEXT: (90 - 15) * MIN}


def test_clock_change_day_in_london() -> None:
    """On 29 March 2026 (clocks go forward) 09:00-17:00 BST is still 8 h with its pauses."""
    change = Date(2026, 3, 29)
    got = meeting_time_by_day(assist_with((at(change, 9), at(change, 17)), preset="one-day"))
    assert got == {change: (480 - 85) * MIN}


def test_window_over_the_clock_change_reads_pauses_at_wall_time() -> None:
    """00:30 GMT to 11:00 BST on 29 March 2026 is 9 h 30 min; the first break
    (10:15-11:45 BST) fits before 11:00 BST, so it and the coffee come off."""
    change = Date(2026, 3, 29)
    got = meeting_time_by_day(assist_with((at(change, 0, 30), at(change, 11)), preset="one-day"))
    assert got == {change: (570 - 15 - 15) * MIN}


def test_window_over_a_two_hour_clock_change_reads_each_bound_at_its_offset() -> None:
    """Antarctica/Troll goes from UTC+2 to UTC+0 at 03:00 on 25 October 2026:
    00:30 (+2) to 12:00 (+0) is 13 h 30 min, and the first break's window,
    10:15-11:45 at +0, holds it (read at +2 it would end before it starts)."""
    troll = "Antarctica/Troll"
    change = Date(2026, 10, 25)
    window = (at(change, 0, 30, zone=troll), at(change, 12, zone=troll))
    got = meeting_time_by_day(assist_with(window, preset="one-day"))
    assert got == {change: (810 - 15 - 15) * MIN}


def test_preset_by_profile_agenda_and_shape() -> None:
    """09:00-13:00: clinic by profile nets 235 min, half-day by shape 210, one-day as asked 170."""
    window = (at(DAY, 9), at(DAY, 13))
    assert meeting_time_by_day(assist_with(window, profile="clinic")) == {DAY: 235 * MIN}
    assert meeting_time_by_day(assist_with(window, profile="virtual")) == {DAY: 210 * MIN}
    assert meeting_time_by_day(assist_with(window)) == {DAY: 210 * MIN}
    chosen = assist_with(window, profile="clinic", preset="one-day")
    assert meeting_time_by_day(chosen) == {DAY: 170 * MIN}


def test_shape_chooses_by_the_windows_total_length() -> None:
    """Two and a half hours is a clinic (5 min off); a minute more is half a day (30 min off)."""
    clinic = assist_with((at(DAY, 9), at(DAY, 11, 30)))
    assert meeting_time_by_day(clinic) == {DAY: 145 * MIN}
    half = assist_with((at(DAY, 9), at(DAY, 11, 31)))
    assert meeting_time_by_day(half) == {DAY: 121 * MIN}


def test_two_day_shape_has_no_coffee() -> None:
    """Two windows of 8 h and 4 h get the day-and-a-half layout: dinner is outside the meeting."""
    got = meeting_time_by_day(assist_with((at(DAY, 9), at(DAY, 17)), (at(NEXT, 9), at(NEXT, 13))))
    assert got == {DAY: (480 - 70) * MIN, NEXT: (240 - 55) * MIN}


def test_pauses_in_microseconds_after_midnight() -> None:
    """A pause at a fixed time spans that time to its end; open bounds stay None."""
    hour = 3600 * 1_000_000
    preset = attrs.evolve(
        ONE_DAY,
        breaks=(
            Pause(length=duration(minutes=15), at=dt.time(10, 30)),
            Pause(length=duration(minutes=10)),
            Pause(length=duration(minutes=20), earliest=dt.time(15, 0)),
        ),
        lunch=None,
    )
    assert _pauses(preset) == [
        (10.5 * hour, 10.75 * hour, hour // 4),
        (None, None, hour // 6),
        (15 * hour, None, hour // 3),
    ]
    assert _pauses(preset) == _pauses(preset)  # kept: the same answer again


def test_pauses_kept_for_another_preset_are_not_reused() -> None:
    """Pauses kept under a preset's id are used only for that very preset."""
    preset = attrs.evolve(ONE_DAY, breaks=(), lunch=Pause(length=duration(minutes=30)))
    _PAUSES[id(preset)] = (ONE_DAY, [(0, 0, 1)])
    try:
        assert _pauses(preset) == [(None, None, 30 * 60 * 1_000_000)]
    finally:
        _PAUSES.pop(id(preset), None)


def test_kept_pauses_stay_bounded() -> None:
    """Pauses kept for many live presets are dropped past a bound, still right."""
    presets = [
        attrs.evolve(ONE_DAY, breaks=(), lunch=Pause(length=duration(minutes=5 * n)))
        for n in range(1, 41)
    ]
    for n, preset in enumerate(presets, 1):
        assert _pauses(preset) == [(None, None, 5 * n * 60 * 1_000_000)]
    assert len(_PAUSES) <= 33


# Phrase matching


SIGNS = ("sign", "sign off", "signature")


def test_phrases_sharing_a_prefix_each_match() -> None:
    """``sign``, ``sign off`` and ``signature`` are each found, as written, once each."""
    text = "Please Sign-off the signature, then sign it; sign again."
    assert matches(phrase_pattern(SIGNS), text) == ["Sign-off", "signature", "sign"]


def test_a_phrase_that_starts_another_stops_at_its_word_end() -> None:
    """``sign of the times`` holds ``sign`` (not ``sign off``)."""
    assert matches(phrase_pattern(("sign", "sign off")), "a sign of the times") == ["sign"]


def test_spaces_hyphens_and_newlines_join_words() -> None:
    """Between a phrase's words any run of spaces, hyphens and newlines matches."""
    pattern = phrase_pattern(["sign off"])
    text = "sign\noff, sign - off and sign-\n off"
    assert matches(pattern, text) == ["sign off", "sign - off", "sign- off"]
    assert matches(pattern, "signoff") == []


def test_phrase_words_are_normalised() -> None:
    """A phrase written with capitals, hyphens or extra spaces is read as its words."""
    assert matches(phrase_pattern(["  Sign-Off "]), "we sign off today") == ["sign off"]
    assert matches(phrase_pattern(["sign   off"]), "SIGN-OFF") == ["SIGN-OFF"]


def test_last_word_goes_on() -> None:
    """``approv`` finds ``Approval`` and ``approved``, with the rest of the word."""
    pattern = phrase_pattern(["approv"])
    assert matches(pattern, "Approval given, approved twice, approver's note") == [
        "Approval",
        "approved",
        "approver's",
    ]


def test_no_match_inside_a_word() -> None:
    """``sign`` is not found inside ``design`` or ``assignment``."""
    assert matches(phrase_pattern(["sign"]), "design an assignment") == []


def test_case_is_kept_as_written() -> None:
    """``SIGN`` and ``sign`` are two findings, each as the text writes it."""
    assert matches(phrase_pattern(["sign"]), "SIGN here, sign there, SIGN again") == [
        "SIGN",
        "sign",
    ]


def test_text_whose_lowercase_is_longer() -> None:
    """A dotted capital I lowercases to two characters: findings still come from their places."""
    text = "İstanbul team: Sign off by Friday, İzmir signature"
    assert len(text.lower()) != len(text)
    assert matches(phrase_pattern(SIGNS), text) == ["Sign off", "signature"]


def test_dotted_capital_i_reads_as_an_i_wherever_it_stands() -> None:
    """The pattern takes a dotted capital I for an I: ``SİGN`` is ``sign``,
    alone in its text or next to another finding."""
    pattern = phrase_pattern(["sign"])
    assert matches(pattern, "SİGN here") == ["SİGN"]
    assert matches(pattern, "sign and SİGN") == ["sign", "SİGN"]


def test_no_phrases_match_nothing() -> None:
    """An empty list, or phrases of only spaces and hyphens, find nothing anywhere."""
    for phrases in ((), ("  ", "-"), ("",)):
        pattern = phrase_pattern(phrases)
        assert matches(pattern, "x sign off anything") == []
        assert pattern.search("") is None


def test_first_words_rule_a_text_out() -> None:
    """The first words' pattern finds a phrase's first word, and nothing in a text without one."""
    first = first_words(phrase_pattern(("sign off", "approv", "Go Live")))
    assert first.search("we will sign it") is not None
    assert first.search("we will go") is not None
    assert first.search("it was approved") is not None
    assert first.search("nothing to see") is None
    assert first.search("off live") is None


def test_kept_patterns_stay_bounded() -> None:
    """Patterns kept for many live tuples of phrases are dropped past a bound, still right."""
    many = [(f"word{n}",) for n in range(300)]
    for phrases in many:
        assert matches(phrase_pattern(phrases), f"a {phrases[0]}s b") == [f"{phrases[0]}s"]
    assert len(_PATTERNS) <= 257


def test_text_without_a_first_word_finds_nothing() -> None:
    """A text holding none of the phrases' first words gives an empty list."""
    assert matches(phrase_pattern(("sign off", "approv")), "Nothing to see here.") == []


def test_a_changed_list_of_phrases_is_read_again() -> None:
    """Phrases given as a list are read at each call: changing the list changes the pattern."""
    phrases = ["sign"]
    assert matches(phrase_pattern(phrases), "sign the approval") == ["sign"]
    phrases[:] = ["approv"]
    assert matches(phrase_pattern(phrases), "sign the approval") == ["approval"]


def test_patterns_kept_for_other_objects_are_not_reused() -> None:
    """What is kept under an object's id serves only that very object (ids are reused)."""
    phrases = ("sign",)
    plain = re.compile("sign")
    other = phrase_pattern(("zebra",))
    _PATTERNS[id(phrases)] = (("zebra",), other)
    _FIRST_WORDS[id(plain)] = (other, re.compile("zebra"), re.compile("zebra"), re.compile("zebra"))
    try:
        assert matches(phrase_pattern(phrases), "sign here") == ["sign"]
        assert matches(plain, "sign here") == ["sign"]
        assert holds_any(plain, "sign here")
        assert find_each(plain, ["sign here", "x"]) == [["sign"], []]
        assert first_words(plain).search("sign") is not None
    finally:
        _PATTERNS.pop(id(phrases), None)
        _FIRST_WORDS.pop(id(plain), None)


def test_first_words_of_an_unknown_pattern_rule_nothing_out() -> None:
    """A pattern not built by phrase_pattern has a first-words pattern that finds every text."""
    first = first_words(re.compile(r"sign"))
    assert first.search("") is not None
    assert first.search("nothing") is not None


def test_matches_with_a_plain_pattern() -> None:
    """A pattern of one's own is run over the text as it is; each finding once, spaces joined."""
    pattern = re.compile(r"sign\s+off", re.IGNORECASE)
    assert matches(pattern, "Sign  off, sign\toff, Sign off") == ["Sign off", "sign off"]


def test_trie_pattern_matches_exactly_its_words() -> None:
    """The tree pattern matches each word whole, prefixes included, and nothing else."""
    body = trie_pattern({"ab", "abc", "b d"}, "[ -]")
    for word in ("ab", "abc", "b d", "b-d"):
        assert re.fullmatch(body, word), word
    for word in ("a", "abd", "b", "bd", "abcc", ""):
        assert not re.fullmatch(body, word), word
    assert trie_pattern(set(), " ") == ""
    assert trie_pattern({"a.b"}, " ") == r"a\.b"


# Wording


@pytest.mark.parametrize(("days", "shown"), [(1, "1 day"), (2, "2 days"), (2.5, "2.5 days")])
def test_describe_days(days: float, shown: str) -> None:
    """A number of days in words, singular for one."""
    assert describe_days(days) == shown


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [(0, "0 min"), (45, "45 min"), (60, "1 h"), (90, "1 h 30 min"), (720, "12 h"), (59.6, "1 h")],
)
def test_describe_length(minutes: float, shown: str) -> None:
    """Lengths read in hours and minutes, rounded to the minute."""
    assert describe_length(dt.timedelta(minutes=minutes)) == shown


def test_quoted() -> None:
    """Items quoted, joined with commas and a last "and"."""
    assert quoted([]) == ""
    assert quoted(["a"]) == '"a"'
    assert quoted(["a", "b"]) == '"a" and "b"'
    assert quoted(iter(["a", "b", "c"])) == '"a", "b" and "c"'


def test_texts_of_purpose() -> None:
    """The purpose's problem, aim and each outcome, with their field paths."""
    assist = make_assist("scheduling", now=NOW)
    assist.purpose = attrs.evolve(
        assist.purpose, problem="P", learning_aim="A", outcomes=("one", "two")
    )
    assert list(texts_of_purpose(assist)) == [
        ("purpose.problem", "P"),
        ("purpose.learning_aim", "A"),
        ("purpose.outcomes[0]", "one"),
        ("purpose.outcomes[1]", "two"),
    ]


def _check(assist: Any, ctx: Any) -> list[Any]:
    return []


def test_make_keeps_options_and_the_why_of_its_own_severity() -> None:
    """A built rule carries its options; its reason shows only at its built-in severity."""
    from peerassist.rules._why import WHY

    code, why = next((c, w) for c, w in WHY.items() if w.startswith("warning:"))
    kwargs: dict[str, Any] = {
        "code": code,
        "refs": ("M01",),
        "phase": "draft",
        "title": "t",
        "hint": "h",
        "check": _check,
        "reads": ("purpose",),
    }
    built = make(severity=Severity.WARNING, limit=3, **kwargs)
    assert built.options == (("limit", 3),)
    assert built.why == why
    assert make(severity="error", **kwargs).why == ""
    kwargs["code"], note = next((c, w) for c, w in WHY.items() if w.startswith("note:"))
    assert make(severity="info", **kwargs).why == note
    assert make(severity="warning", **{**kwargs, "code": "PA-X99-unknown"}).why == ""


_SAMPLE_PHRASES = (
    "sign off",
    "approv",
    "we have decided",
    "we've been told",
    "rubber-stamp",
    "ok",
    "the board",
    "the board's approval",
    "how well",
)
_WORDS = (
    "we",
    "We",
    "have",
    "decided",
    "we've",
    "been",
    "told",
    "the",
    "board",
    "board's",
    "approval",
    "sign",
    "off",
    "rubber",
    "stamp",
    "ok",
    "okay",
    "how",
    "well",
    "İ",
    "-",
    ",",
    "\n",
)


@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.sampled_from([" ", "-", "  ", "\t"]))
def test_matching_finds_what_the_whole_pattern_finds(words: list[str], space: str) -> None:
    """The quick tests before the whole pattern (first words, then the first
    two words in a row) never rule out a text the pattern finds something in:
    the phrases found are those a plain IGNORECASE search finds."""
    text = space.join(words)
    pattern = phrase_pattern(_SAMPLE_PHRASES)
    expected: list[str] = []
    for found in pattern.finditer(text):
        phrase = " ".join(text[found.start() : found.end()].split())
        if phrase not in expected:
            expected.append(phrase)
    assert matches(pattern, text) == expected


@given(
    st.lists(
        st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join) | st.text(max_size=20),
        max_size=5,
    )
)
def test_many_texts_find_what_each_text_finds(texts: list[str]) -> None:
    """Ruling many texts out in one search never hides a phrase one of them
    holds (nor runs a phrase from one text into the next); a text holds any
    phrase exactly when matching finds one."""
    pattern = phrase_pattern(_SAMPLE_PHRASES)
    assert find_each(pattern, texts) == [matches(pattern, text) for text in texts]
    for text in texts:
        assert holds_any(pattern, text) is bool(matches(pattern, text))


def test_texts_ending_and_starting_with_a_phrases_words_do_not_make_it() -> None:
    """Two texts, one ending with a phrase's first word and the next starting
    with its second, hold no phrase; a dotted capital I is read as an I."""
    pattern = phrase_pattern(_SAMPLE_PHRASES)
    assert find_each(pattern, ["Please sign", "off the plan"]) == [[], []]
    assert find_each(pattern, ["nothing", "SİGN OFF"]) == [[], ["SİGN OFF"]]
    assert holds_any(pattern, "SİGN OFF")
    assert not holds_any(pattern, "Please sign")
    plain = re.compile(r"sign\s+off", re.IGNORECASE)
    assert find_each(plain, ["Sign off", "x"]) == [["Sign off"], []]
    assert holds_any(plain, "sign  off")


def test_a_text_with_a_phrases_first_words_only_holds_no_phrase() -> None:
    """A phrase's first two words without the rest are no phrase: the quick
    tests only rule texts out, the whole pattern decides."""
    pattern = phrase_pattern(_SAMPLE_PHRASES)
    assert not holds_any(pattern, "we have")
    assert matches(pattern, "we have") == []
    assert find_each(pattern, ["we have", "the board met"]) == [[], ["the board"]]
    assert holds_any(pattern, "We have decided.")


@given(instants=st.lists(st.sampled_from([NOW, NOW.add(hours=5), NOW.in_tz(LONDON)]), max_size=3))
def test_timestamps_are_posix_seconds(instants: list[DateTime]) -> None:
    """An instant's timestamp is its POSIX seconds, as pendulum gives them."""
    for instant in instants:
        assert timestamp(instant) == instant.timestamp()
    assert timestamp(DateTime.create(1970, 1, 1, tz="UTC")) == 0.0


def test_the_conversions_kept_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The instants, timestamps, days and zones remembered for the rules are
    at most _KEEP each (cleared when full, not before); the answers stay
    right throughout."""
    from peerassist.rules import _util

    monkeypatch.setattr(_util, "_KEEP", 3)
    for name in ("_UTC", "_STAMPS", "_DAYS", "_ZONES"):
        monkeypatch.setattr(_util, name, {})
    instants = [NOW.add(hours=hour) for hour in range(7)]
    for count, instant in enumerate(instants, start=1):
        assert utc(instant) == dt.datetime(2026, 3, 10, 12) + dt.timedelta(hours=count - 1)
        assert timestamp(instant) == instant.timestamp()
        assert local_day(instant, LONDON) == instant.in_tz(LONDON).date()
        for table in (_util._UTC, _util._STAMPS, _util._DAYS):
            assert len(table) == (count - 1) % 3 + 1
    assists = [make_assist("scheduling", now=NOW) for _ in range(4)]
    for count, assist in enumerate(assists, start=1):
        assist.logistics = attrs.evolve(assist.logistics)  # a logistics value of its own
        assert _util.meeting_zone(assist) == LONDON
        assert len(_util._ZONES) == (count - 1) % 3 + 1
