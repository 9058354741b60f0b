"""``peerassist register ...``, and ``check``/``advance``/``plan`` against a register."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from peerassist._time import DateTime
from peerassist.cli import main
from peerassist.cli._output import Output
from peerassist.model import HostTeam, Person
from peerassist.register import open_register
from peerassist.serialize import dump, load
from peerassist.testing import make_assist, make_assists

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
ED = ROOT / "examples" / "ed-front-door.toml"
NOW = "2026-11-27T10:00:00Z"
SEEN = DateTime.create(2027, 1, 15, 9, tz="UTC")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), output=Output(out, err))
    return code, out.getvalue(), err.getvalue()


def eastfield(state: str, assist_id: str) -> object:
    """The front-door problem, tackled by another trust's emergency department."""
    caller = Person(
        name="Olu Bright",
        email="olu.bright@eastfield.nhs.example",
        organisation="Eastfield NHS Trust",
        unit="Emergency Department",
    )
    host = HostTeam(caller=caller, organisation="Eastfield NHS Trust", unit="Emergency Department")
    return make_assist(state, now=SEEN, id=assist_id, host=host)


@pytest.fixture
def built(tmp_path: Path) -> str:
    """A register of the shipped examples, 300 generated assists, three past
    assists Dr Ana Costa visited, and Eastfield's closed and live assists on
    the same problem as the emergency department example."""
    target = str(tmp_path / "register.sqlite3")
    for example in EXAMPLES:
        assert 0 == run("register", "--register", target, "add", str(example))[0]
    with open_register(target) as register:
        register.add_many(make_assists(300, now=SEEN, seed=7))
        for n in range(3):
            register.add(make_assist("closed", now=SEEN.subtract(months=n + 1), id=f"pa-past-{n}"))
        register.add(eastfield("closed", "pa-east-closed"))  # type: ignore[arg-type]
        register.add(eastfield("research", "pa-east-live"))  # type: ignore[arg-type]
    return target


def codes(out: str) -> list[str]:
    return [f["code"] for f in json.loads(out)["findings"]]


def check_json(register: str) -> dict[str, object]:
    code, out, err = run("check", str(ED), "--now", NOW, "--register", register, "--format", "json")
    assert (0, "") == (code, err)
    data: dict[str, object] = json.loads(out)
    assert register == data["register"]
    return data


def messages(data: dict[str, object], code: str) -> list[str]:
    return [f["message"] for f in data["findings"] if f["code"] == code]  # type: ignore[attr-defined]


def test_check_fires_m03_prior_assist_from_the_register(built: str) -> None:
    """Eastfield's closed assist on the same problem is prior work to look at (M03)."""
    assert [
        "Emergency Department (Eastfield NHS Trust) already tackled a similar problem in a"
        " closed assist: 'Redesigning the emergency department front door' (pa-east-closed,"
        " contact olu.bright@eastfield.nhs.example)."
    ] == messages(check_json(built), "PA-M03-prior-assist")


def test_check_fires_m04_similar_work_from_the_register(built: str) -> None:
    """Eastfield's assist under way on the same problem is a team to share plans with (M04)."""
    assert [
        "Emergency Department (Eastfield NHS Trust) is tackling a similar problem now:"
        " 'Redesigning the emergency department front door'"
        " (contact olu.bright@eastfield.nhs.example)."
    ] == messages(check_json(built), "PA-M04-similar-work")


def test_check_fires_m11_usual_suspect_from_the_register(built: str) -> None:
    """Dr Ana Costa visited four assists in the year before the meeting (the
    three past assists and Eastfield's closed one): a usual suspect (M11)."""
    found = messages(check_json(built), "PA-M11-usual-suspect")
    assert "Dr Ana Costa visited 4 assists in the last 365 days: a usual suspect." in found


def test_check_says_which_register_it_used(built: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PEERASSIST_REGISTER names the register; check's text output says so."""
    monkeypatch.setenv("PEERASSIST_REGISTER", built)
    code, out, _ = run("check", str(ED), "--now", NOW)
    assert 0 == code
    assert (
        f"Checked against the register {built} (prior work M03, similar work M04, M11)."
        == out.splitlines()[1]
    )
    assert "PA-M04-similar-work" in out


def test_check_without_a_register_checks_nothing_across_assists() -> None:
    """With no register anywhere, check neither creates one nor mentions one."""
    code, out, _ = run("check", str(ED), "--now", NOW)
    assert 0 == code
    # The file's own path is printed; it may hold the word wherever it lives.
    assert "register" not in out.replace(str(ED), "")
    assert "PA-M04" not in out


def test_a_named_register_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    """--register naming a missing file is bad input (exit 2), not a new file."""
    missing = tmp_path / "none.sqlite3"
    code, _, err = run("check", str(ED), "--now", NOW, "--register", str(missing))
    assert 2 == code
    assert f"no register at {missing}" in err
    assert not missing.exists()


def test_advance_and_plan_use_the_register(built: str, tmp_path: Path) -> None:
    """advance's gates and plan's check run against the register, and say so."""
    copy = tmp_path / "ed.toml"
    shutil.copyfile(ED, copy)
    note = f"Checked against the register {built} (prior work M03, similar work M04, M11)."
    code, out, _ = run(
        "plan", str(copy), "--out", str(tmp_path / "out"), "--now", NOW, "--register", built
    )
    assert 0 == code
    assert note in out.splitlines()
    assert "PA-M04-similar-work" in (tmp_path / "out" / "check.txt").read_text(encoding="utf-8")
    code, out, _ = run(
        "advance", str(copy), "start_meeting", "--actor", "Grace Liu", "--now",
        "2027-03-10T09:00:00Z", "--register", built,
    )  # fmt: skip
    assert note in out.splitlines()


def test_register_add_get_list_and_export(tmp_path: Path) -> None:
    """add stores a file, get prints it back, list shows it, export writes it."""
    target = str(tmp_path / "r.sqlite3")
    code, out, _ = run("register", "--register", target, "add", str(ED))
    assert (0, "Added 'ed-front-door-2027' (scheduling, revision 2) to the register.\n") == (
        code,
        out,
    )
    code, _, err = run("register", "--register", target, "add", str(ED))
    assert 2 == code
    assert "assist 'ed-front-door-2027' is already stored" in err
    code, out, _ = run(
        "register", "--register", target, "get", "ed-front-door-2027", "--format", "json"
    )
    assert load(ED) == load_json(out, tmp_path)
    code, out, _ = run("register", "--register", target, "list", "--state", "scheduling")
    assert "ed-front-door-2027  scheduling  r2" in out
    exported = tmp_path / "back.toml"
    code, out, _ = run(
        "register", "--register", target, "export", "ed-front-door-2027", str(exported)
    )
    assert 0 == code
    assert load(ED) == load(exported)
    code, _, err = run("register", "--register", target, "get", "pa-none")
    assert (2, "peerassist register: no assist 'pa-none' is stored\n") == (code, err)


def load_json(text: str, folder: Path) -> object:
    path = folder / "printed.json"
    path.write_text(text, encoding="utf-8")
    return load(path)


def test_register_search_person_suspects_and_lessons(built: str) -> None:
    """search prints hits with snippets; person a history; suspects and lessons their lists."""
    code, out, _ = run(
        "register", "--register", built, "search", "flood", "warnings", "--limit", "3"
    )
    assert 0 == code
    assert "riverdale-flood-2026 [follow_up]" in out
    assert "**flood**" in out.lower()
    code, out, _ = run(
        "register", "--register", built, "person", "ana.costa@northfield.nhs.example"
    )
    lines = [
        line for line in out.splitlines() if "pa-past-" in line or "ed-front-door-2027" in line
    ]
    assert 4 == len(lines)
    assert all(" visitor " in line for line in lines)
    code, out, _ = run("register", "--register", built, "suspects", "--now", "2027-01-15T09:00:00Z")
    assert 0 == code
    assert "ana.costa@northfield.nhs.example (Dr Ana Costa):" in out
    code, out, _ = run("register", "--register", built, "lessons")
    assert "riverdale-flood-2026 [follow_up]" in out
    assert "share with: Coastal Flood Group" in out


def test_the_default_register_is_a_per_user_file(tmp_path: Path) -> None:
    """Without --register or PEERASSIST_REGISTER, register uses the per-user
    data folder (XDG_DATA_HOME here) and check then finds it."""
    from peerassist.register import default_register_path

    path = default_register_path()
    assert "peerassist" == path.parent.name
    assert 0 == run("register", "add", str(ED))[0]
    assert path.is_file()
    eastern = eastfield("research", "pa-east-live")
    dump(eastern, tmp_path / "east.toml")  # type: ignore[arg-type]
    assert 0 == run("register", "add", str(tmp_path / "east.toml"))[0]
    code, out, _ = run("check", str(ED), "--now", NOW)
    assert 0 == code
    assert f"Checked against the register {path}" in out


def test_register_update_stores_what_advance_changed(tmp_path: Path) -> None:
    """After ``advance`` moves a stored assist's file on, ``register update FILE``
    stores the newer revision; the same revision again changes nothing (exit 1),
    and ``add`` on a stored id points at ``update``."""
    target = str(tmp_path / "r.sqlite3")
    path = tmp_path / "ed.toml"
    shutil.copyfile(ED, path)
    assert run("register", "--register", target, "add", str(path))[0] == 0
    advanced = run(
        "advance", str(path), "cancel", "--actor", "Priya Raman", "--now", NOW,
        "--register", target,
    )  # fmt: skip
    assert advanced[0] == 0
    code, _, err = run("register", "--register", target, "add", str(path))
    assert (code, "store a newer revision with `peerassist register update FILE`" in err) == (
        2,
        True,
    )
    code, out, _ = run("register", "--register", target, "update", str(path))
    assert (code, out) == (
        0,
        "Updated 'ed-front-door-2027' in the register: revision 2 -> 3 (cancelled).\n",
    )
    with open_register(target) as register:
        assert register.get("ed-front-door-2027") == load(path)
    code, _, err = run("register", "--register", target, "update", str(path))
    assert code == 1
    assert "expected a revision newer than the stored 3, found 3; nothing was stored" in err
