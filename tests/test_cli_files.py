"""Files written by commands: output folders swapped in whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerassist.cli._files import build_folder


def _fill(names: dict[str, str]) -> object:
    def fill(into: Path) -> int:
        for name, text in names.items():
            (into / name).write_text(text, encoding="utf-8")
        return len(names)

    return fill


def _contents(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_a_new_folder_is_created_with_the_whole_set(tmp_path: Path) -> None:
    """A missing folder appears with every file; nothing else is left beside it."""
    folder = tmp_path / "out"
    assert build_folder(folder, _fill({"a.txt": "A", "b.txt": "B"})) == 2  # type: ignore[arg-type]
    assert _contents(folder) == {"a.txt": "A", "b.txt": "B"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_an_existing_folder_is_replaced_as_a_whole(tmp_path: Path) -> None:
    """The old set is gone (even files the new set lacks); no temporary folder remains."""
    folder = tmp_path / "out"
    build_folder(folder, _fill({"a.txt": "old", "gone.txt": "old"}))  # type: ignore[arg-type]
    build_folder(folder, _fill({"a.txt": "new"}))  # type: ignore[arg-type]
    assert _contents(folder) == {"a.txt": "new"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_failure_while_filling_leaves_the_old_folder_untouched(tmp_path: Path) -> None:
    """If writing the new set fails half way, the old set stays and the half set goes."""
    folder = tmp_path / "out"
    build_folder(folder, _fill({"a.txt": "old", "b.txt": "old"}))  # type: ignore[arg-type]

    def half(into: Path) -> None:
        (into / "a.txt").write_text("new", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        build_folder(folder, half)
    assert _contents(folder) == {"a.txt": "old", "b.txt": "old"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_file_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    """``--out`` naming a file: NotADirectoryError, and the file is kept."""
    target = tmp_path / "out"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        build_folder(target, _fill({"a.txt": "A"}))  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "mine"
