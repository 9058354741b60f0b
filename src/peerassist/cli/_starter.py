"""The commented starter file written by ``peerassist new``."""

from __future__ import annotations

STARTER_TOML = """\
# A new Peer Assist. Fill in what you know; `peerassist check {file}` tells
# you what the method still asks for at this state. Times are written as
# 2027-03-09T09:00:00+00:00[Europe/London]: wall time, offset and IANA zone.
schema_version = 1
id = "{id}"
title = "{title}"
state = "scoping"
revision = 0
# profile = "bp-nhs"        # or "clinic", "retrospect" (X08)

[host]
organisation = "Your organisation"
unit = "Your unit"

# The caller owns the problem and calls the assist (M22).
[host.caller]
name = "Your Name"
email = "you@example.org"
organisation = "Your organisation"
unit = "Your unit"
timezone = "Europe/London"

# Why the assist is called (M01, M02, M13, M27).
[purpose]
problem = "The specific problem you want help with (M01)."
learning_aim = "What you want to learn from others before you act (M02)."
outcomes = ["A shortlist of options to test"]
deliverables = ["options", "insights"]
# decision_date = 2027-06-30   # when you will decide (M07)
benefit_cost = "Why the benefits outweigh the costs, e.g. travel (M27)."

# Who else tackled it (M03, M04): add [[research.prior_work]] tables with
# who, what, when and source, and [[research.related_teams]] tables.
[research]
sources_searched = []

# When and where (M05-M08, M14-M16): add [[logistics.windows]] tables with
# start and end, one per meeting day.
[logistics]
venue = ""

# How the agenda is laid out (M15-M17). Everything is optional: without this
# table the preset that fits the windows is used. Lengths are in minutes,
# times are local "HH:MM". Breaks and lunch move inside their windows to
# where two quarters meet; no piece of a quarter is left shorter than
# min_piece.
# [agenda]
# preset = "one-day"        # half-day, one-day, one-and-a-half-days, two-days, virtual-clinic
# tolerance = 10            # how much the longest quarter may exceed the shortest
# min_piece = 20            # the shortest piece of a quarter beside a break
# opening = 15
# closing = 30
# quarters = [90, 90, 80, 80]   # unequal quarters, each 15-35% of their sum (M17)
# breaks = [
#     {{ length = 15, earliest = "10:15", latest = "11:45" }},
#     {{ length = 15, earliest = "14:15", latest = "16:00" }},
# ]
# lunch = {{ length = 40, earliest = "12:00", latest = "14:00" }}
"""
