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
"""
