# %% [markdown]
# # Scripting an agenda, notebook style
#
# Each `# %%` cell runs in Jupyter, VS Code or as a plain script
# (`python examples/agenda_notebook.py [OUT_DIR]`). In a notebook, an
# `Agenda` as the last expression of a cell renders as its timeline and
# tables; so do a `Timeline`, a check `Report` and an `Overlap`.

# %%
import sys
import tempfile
from pathlib import Path

import attrs
import pendulum

from peerassist.agenda import (
    ONE_AND_A_HALF_DAYS,
    find_overlap,
    plan_agenda,
    plan_timeline,
    suggest_windows,
)
from peerassist.policy import PROFILES

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
out.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## A day and a half, the BP/NHS format
# Dinner and a pre-brief the evening before, then four roughly equal
# quarters (M17), with the breaks where two quarters meet.

# %%
agenda = plan_agenda(
    pendulum.datetime(2027, 3, 10, 9, tz="Europe/London"), preset=ONE_AND_A_HALF_DAYS
)
print(agenda.to_text())
print({quarter: str(length) for quarter, length in agenda.quarter_totals().items()})

# %% [markdown]
# ## The same agenda for a visitor in New York

# %%
print(agenda.in_tz("America/New_York").to_text())

# %% [markdown]
# ## A variant: presets are plain data, so change one with attrs.evolve

# %%
no_dinner = attrs.evolve(ONE_AND_A_HALF_DAYS, title="A day and a half, no dinner", social=None)
variant = plan_agenda(pendulum.datetime(2027, 3, 10, 9, tz="Europe/London"), preset=no_dinner)
print(variant.to_markdown())

# %% [markdown]
# ## A virtual clinic across three time zones (X05)
# Find the working hours London, New York and Johannesburg share.

# %%
shared = find_overlap(
    ["Europe/London", "America/New_York", "Africa/Johannesburg"],
    pendulum.date(2027, 1, 20),
)
print(
    f"Shared working hours: {shared.start:%H:%M}-{shared.end:%H:%M} {shared.zone}"
    if shared
    else "none"
)
clinic = plan_agenda(shared.start, preset="virtual-clinic") if shared else None
if clinic is not None:
    print(clinic.to_text())

# %% [markdown]
# ## London, Sydney and Los Angeles share no working hour
# The three least-bad two-hour slots, with each person's local time.

# %%
wednesday = (
    pendulum.datetime(2027, 3, 10, tz="Europe/London"),
    pendulum.datetime(2027, 3, 11, tz="Europe/London"),
)
for candidate in suggest_windows(
    ["Europe/London", "Australia/Sydney", "America/Los_Angeles"],
    pendulum.duration(hours=2),
    between=wednesday,
):
    print(candidate.to_text())

# %% [markdown]
# ## Into pandas
# `to_records()` gives ISO 8601 times with their offset and the zone in a
# column of its own, so `pandas.DataFrame(agenda.to_records())` reads them.

# %%
print(agenda.to_records()[3])

# %% [markdown]
# ## Planning back from the decision date

# %%
timeline = plan_timeline(pendulum.date(2027, 5, 28), policy=PROFILES["bp-nhs"], days=2)
print(timeline.to_text())

# %% [markdown]
# ## Saving the renderings

# %%
(out / "agenda.html").write_text(agenda.to_html(), encoding="utf-8")
(out / "agenda.md").write_text(agenda.to_markdown(), encoding="utf-8")
(out / "agenda.svg").write_text(agenda.to_svg(), encoding="utf-8")
print(f"Wrote agenda.html, agenda.md and agenda.svg to {out}")
