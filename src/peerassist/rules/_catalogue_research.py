"""Built-in rules of the research phase: who else tackled it (M03, M04)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from peerassist.rules._core import RuleContext, Severity
from peerassist.rules._rule import Flag, FunctionRule
from peerassist.rules._util import first_words, make, phrase_pattern

if TYPE_CHECKING:
    from peerassist.model import PeerAssist
    from peerassist.rules._context import SimilarWork


def _no_research(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    research = assist.research
    if not research.prior_work and not research.sources_searched:
        yield Flag(
            message="No research is recorded: neither who else tackled the problem"
            " nor where the team looked.",
            path="research.prior_work",
        )


def research_recorded(*, severity: Severity | str = Severity.ERROR) -> FunctionRule:
    """Who else tackled the problem, or where the team looked, is recorded (M03)."""
    return make(
        code="PA-M03-no-research",
        severity=severity,
        refs=("M03",),
        phase="research",
        title="Research on who else solved or tackled the problem is recorded before scheduling.",
        hint=(
            "Record who already solved or tackled something similar (research.prior_work)"
            " and where the team searched (research.sources_searched)."
        ),
        reads=("research",),
        check=_no_research,
    )


SOURCE_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "published evidence",
        (
            "library",
            "literature",
            "journal",
            "pubmed",
            "medline",
            "cochrane",
            "nice",
            "embase",
            "cinahl",
            "evidence",
            "systematic review",
            "paper",
            "study",
            "studies",
            "report",
            "guidance",
            "guideline",
            "standard",
            "kings fund",
            "king's fund",
            "nuffield",
            "health foundation",
            "database",
            "scholar",
            "academic",
            "research",
            "publication",
            "white paper",
            "case stud",
            "evaluation",
            "review of",
        ),
    ),
    (
        "people and networks",
        (
            "network",
            "community of practice",
            "colleague",
            "peer",
            "conversation",
            "call",
            "interview",
            "forum",
            "group",
            "meeting",
            "conference",
            "visit",
            "workshop",
            "expert",
            "contact",
            "association",
            "society",
            "collaborative",
            "asked",
            "phone",
            "email",
            "slack",
            "teams channel",
            "khub",
            "futurenhs",
            "linkedin",
        ),
    ),
    (
        "the organisation's own records",
        (
            "intranet",
            "lessons",
            "lesson log",
            "register",
            "archive",
            "past assist",
            "previous assist",
            "project records",
            "post-project",
            "retrospective",
            "after action",
            "internal",
            "sharepoint",
            "wiki",
            "knowledge base",
            "our own data",
            "data warehouse",
            "audit data",
            "incident reports",
        ),
    ),
    ("a web search", ("google", "bing", "duckduckgo", "web search", "internet", "online search")),
)
"""Kinds of research source (M03) and the word starts that place a searched
source in one; someone who already tackled the problem (prior work) is
"people and networks" too. A source in none of them is a kind of its own."""


@functools.cache
def _source_patterns() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """Each kind of source with the pattern of its words' first words (over
    casefolded text, a quick test) and the pattern of its words."""
    made = []
    for name, words in SOURCE_KINDS:
        pattern = phrase_pattern(words)
        made.append((name, first_words(pattern), pattern))
    return tuple(made)


def _kinds_of_research(assist: PeerAssist, enough: int) -> set[str]:
    """The kinds of source the research drew on, read until ``enough`` are known."""
    research = assist.research
    kinds: set[str] = set()
    if research.prior_work:
        kinds.add("people and networks")
    kinds_patterns = _source_patterns()
    for source in research.sources_searched:
        if len(kinds) >= enough:
            break
        folded = source.lower()
        kind = next(
            (
                name
                for name, first, pattern in kinds_patterns
                if first.search(folded) and pattern.search(source)
            ),
            "other",
        )
        kinds.add(kind)
    return kinds


def _narrow_research(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    research = assist.research
    if not research.prior_work and not research.sources_searched:
        return  # PA-M03-no-research says so
    kinds = _kinds_of_research(assist, 2)
    if len(kinds) < 2:
        (kind,) = kinds
        shown = "someone who did it before" if kind == "people and networks" else kind
        yield Flag(
            message=f"The research rests on one kind of source only ({shown}).",
            path="research.sources_searched",
        )


def research_broad(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The research draws on at least two kinds of source (M03)."""
    return make(
        code="PA-M03-narrow-research",
        severity=severity,
        refs=("M03",),
        phase="research",
        title="The research draws on at least two kinds of source: published evidence,"
        " people and networks, the organisation's own records, a web search.",
        hint="Add another kind of source: a library search, a network or community of"
        " practice, the lessons of past projects.",
        reads=("research",),
        check=_narrow_research,
    )


def _plans_not_shared(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    for index, team in enumerate(assist.research.related_teams):
        if team.plans_shared_on is None:
            yield Flag(
                message=f"The plans have not been shared with {team.team}, who tackle a"
                " similar problem.",
                path=f"research.related_teams[{index}].plans_shared_on",
            )


def plans_shared(*, severity: Severity | str = Severity.WARNING) -> FunctionRule:
    """The plans are shared with the related teams found (M04)."""
    return make(
        code="PA-M04-plans-not-shared",
        severity=severity,
        refs=("M04",),
        phase="research",
        title="The plans are shared with teams tackling a similar problem.",
        hint=(
            "Tell them about the assist: they may join or benefit. Record the date in"
            " plans_shared_on."
        ),
        reads=("research",),
        check=_plans_not_shared,
    )


def _known_team(assist: PeerAssist, team: str, organisation: str, contact: str) -> bool:
    for related in assist.research.related_teams:
        if related.contact is not None and related.contact.casefold() == contact.casefold():
            return True
        same_org = not related.organisation or related.organisation.casefold() == (
            organisation.casefold()
        )
        if related.team.casefold() == team.casefold() and same_org:
            return True
    return False


def _similar_work(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if ctx.context is None:
        return
    host = assist.host
    for work in ctx.context.similar_work(assist):
        if not work.live:
            continue
        if _known_team(assist, work.team, work.organisation, work.contact):
            continue
        if work.contact.casefold() in {p.key for p in host.everyone}:
            continue
        where = f" ({work.organisation})" if work.organisation else ""
        yield Flag(
            message=f"{work.team}{where} is tackling a similar problem now:"
            f" {work.title!r} (contact {work.contact}).",
            path="research.related_teams",
        )


def similar_work_known(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """Teams tackling a similar problem now (from the context) are listed (M04)."""
    return make(
        code="PA-M04-similar-work",
        severity=severity,
        refs=("M04",),
        phase="research",
        title="Teams tackling a similar problem now are known (needs a context).",
        hint="Contact them and add them to research.related_teams; they may join or benefit.",
        reads=(),
        uses=("context",),
        check=_similar_work,
    )


def _known_prior(assist: PeerAssist, work: SimilarWork) -> bool:
    names = {work.team.casefold(), work.organisation.casefold(), work.contact.casefold()}
    names.discard("")
    for prior in assist.research.prior_work:
        if prior.who.casefold() in names or work.assist_id in prior.source:
            return True
    return False


def _prior_assists(assist: PeerAssist, ctx: RuleContext) -> Iterator[str | Flag]:
    if ctx.context is None:
        return
    own = {p.key for p in assist.host.everyone}
    for work in ctx.context.similar_work(assist):
        if work.live or work.state == "cancelled":
            continue
        if work.contact.casefold() in own or _known_prior(assist, work):
            continue
        where = f" ({work.organisation})" if work.organisation else ""
        yield Flag(
            message=f"{work.team}{where} already tackled a similar problem in a closed assist:"
            f" {work.title!r} ({work.assist_id}, contact {work.contact}).",
            path="research.prior_work",
        )


def prior_assists_known(*, severity: Severity | str = Severity.INFO) -> FunctionRule:
    """Closed assists on a similar problem (from the context) are in the research (M03)."""
    return make(
        code="PA-M03-prior-assist",
        severity=severity,
        refs=("M03",),
        phase="research",
        title="Closed assists on a similar problem are known (needs a context).",
        hint=(
            "Read its lessons and talk to its team; record it in research.prior_work"
            " (with its id in the source)."
        ),
        reads=(),
        uses=("context",),
        check=_prior_assists,
    )


RULES: tuple[FunctionRule, ...] = (
    research_recorded(),
    research_broad(),
    plans_shared(),
    similar_work_known(),
    prior_assists_known(),
)
