"""The validated knowledge base's cache (knowledge/loading.py): whatever state the cache is in, `load_knowledge`
gives the knowledge base that loading the YAML gives, and it reads the YAML only when the cache cannot answer."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import msgspec
import pytest

from douyin_team.errors import KnowledgeError
from douyin_team.knowledge import KnowledgeBase, loading

PLAYBOOK_A = "rules:\n  - id: headcount-over-budget\n    enabled: false\n"
PLAYBOOK_B = "rules:\n  - id: headcount-below-stage\n    enabled: false\n"  # as long as A, to the byte


class Loads:
    """What the tests see of loading: each overlay whose YAML was read, and loading past the cache."""

    def __init__(self) -> None:
        self.read: list[str | Path | None] = []
        self.fresh = loading._load  # the YAML, parsed and validated, no cache involved

    def counted(self, overlay: str | Path | None) -> KnowledgeBase:
        self.read.append(overlay)
        return self.fresh(overlay)


@pytest.fixture
def loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Loads:
    """A cache folder of this test's own, and the YAML loads counted."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    found = Loads()
    monkeypatch.setattr(loading, "_load", found.counted)
    return found


@pytest.fixture
def knowledge_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the packaged knowledge files (YAML and modules) that a test may edit, loaded in their place."""
    copy = tmp_path / "knowledge"
    copy.mkdir()
    for path in loading.KNOWLEDGE_DIR.iterdir():
        if path.suffix in (".yaml", ".py"):
            shutil.copy2(path, copy / path.name)
    monkeypatch.setattr(loading, "KNOWLEDGE_DIR", copy)
    return copy


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "douyin-team").glob("knowledge-*.msgpack"))


def edit_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (as many bytes) and put the file's modification time back."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_second_load_reads_no_yaml_and_gives_the_same_knowledge(tmp_path: Path, loads: Loads) -> None:
    playbook = tmp_path / "p.yaml"
    playbook.write_text(PLAYBOOK_A, encoding="utf-8")
    first, with_playbook = loading.load_knowledge(), loading.load_knowledge(playbook)
    assert loading.load_knowledge() == first and loading.load_knowledge(playbook) == with_playbook
    assert loads.read == [None, playbook]  # the second loads came from the cache
    assert first == loads.fresh(None) and with_playbook == loads.fresh(playbook)
    assert with_playbook.origin == str(playbook)
    assert "headcount-over-budget" in first.rule and "headcount-over-budget" not in with_playbook.rule
    assert len(entries(tmp_path)) == 2


def test_an_edited_knowledge_file_is_read_again(knowledge_dir: Path, loads: Loads) -> None:
    before = loading.load_knowledge()
    roles = knowledge_dir / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.replace("主播", "主持", 1), encoding="utf-8")  # as many bytes, a new modification time
    after = loading.load_knowledge()
    assert loads.read == [None, None]
    assert after != before and after == loads.fresh(None)
    assert loading.load_knowledge() == after and loads.read == [None, None]


def test_a_changed_module_of_the_knowledge_package_makes_the_cache_stale(knowledge_dir: Path, loads: Loads) -> None:
    loading.load_knowledge()
    model = knowledge_dir / "model.py"
    os.utime(model, ns=(model.stat().st_atime_ns, model.stat().st_mtime_ns + 1_000_000))  # as after an upgrade
    assert loading.load_knowledge() == loads.fresh(None)
    assert loads.read == [None, None]


def test_a_changed_playbook_is_read_again_even_with_its_size_and_time(tmp_path: Path, loads: Loads) -> None:
    playbook = tmp_path / "p.yaml"
    playbook.write_text(PLAYBOOK_A, encoding="utf-8")
    a = loading.load_knowledge(playbook)
    edit_keeping_size_and_time(playbook, PLAYBOOK_A, PLAYBOOK_B)
    b = loading.load_knowledge(playbook)
    assert loads.read == [playbook, playbook]
    assert b == loads.fresh(playbook) and b != a
    assert "headcount-over-budget" in b.rule and "headcount-below-stage" not in b.rule
    assert len(entries(tmp_path)) == 1  # one entry per playbook path, rewritten


def test_the_same_playbook_text_at_another_path_names_its_own_file(tmp_path: Path, loads: Loads) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(PLAYBOOK_A, encoding="utf-8")
    two.write_text(PLAYBOOK_A, encoding="utf-8")
    assert loading.load_knowledge(one).origin == str(one)
    assert loading.load_knowledge(two).origin == str(two)  # errors name the file the user gave


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another shape", "a folder", "empty"])
@pytest.mark.parametrize("with_playbook", [False, True])
def test_a_broken_cache_entry_falls_back_to_the_yaml(tmp_path: Path, loads: Loads, damage: str,
                                                    with_playbook: bool) -> None:
    playbook = tmp_path / "p.yaml"
    playbook.write_text(PLAYBOOK_A, encoding="utf-8")
    overlay = playbook if with_playbook else None
    loading.load_knowledge(overlay)
    (entry,) = entries(tmp_path)
    good = entry.read_bytes()
    entry.unlink()
    if damage == "a folder":
        entry.mkdir()
    else:
        entry.write_bytes({"garbage": b"\x00garbage", "truncated": good[: len(good) // 2], "empty": b"",
                           "another shape": msgspec.msgpack.encode(["stamp", b"", {"roles": 1}])}[damage])
    assert loading.load_knowledge(overlay) == loads.fresh(overlay)
    assert loads.read == [overlay, overlay]
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no temporary file left behind
    if damage != "a folder":  # rewritten, and used from then on
        assert entry.read_bytes() == good
        assert loading.load_knowledge(overlay) == loads.fresh(overlay) and len(loads.read) == 2


def test_a_cache_folder_that_cannot_be_made_leaves_loading_as_it_is(tmp_path: Path, loads: Loads,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")  # even root cannot mkdir in it
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert loading.load_knowledge() == loads.fresh(None)
    assert loading.load_knowledge() == loads.fresh(None)
    assert loads.read == [None, None]  # read from the YAML each time, without an error
    assert blocked.read_text(encoding="utf-8").startswith("a file")


def test_a_read_only_cache_is_used_and_never_written(tmp_path: Path, loads: Loads,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = loading.load_knowledge()
    playbook = tmp_path / "p.yaml"
    playbook.write_text(PLAYBOOK_A, encoding="utf-8")

    def refused(self: Path, data: bytes) -> int:
        raise PermissionError(13, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "write_bytes", refused)  # tests run as root, whom file modes do not stop
    assert loading.load_knowledge() == first and loads.read == [None]  # the entry there is used
    assert loading.load_knowledge(playbook) == loads.fresh(playbook)  # one that cannot be written is skipped
    assert loading.load_knowledge(playbook) == loads.fresh(playbook)
    assert loads.read == [None, playbook, playbook] and len(entries(tmp_path)) == 1


def test_a_bad_playbook_is_never_cached(tmp_path: Path, loads: Loads) -> None:
    playbook = tmp_path / "bad.yaml"
    playbook.write_text("rules:\n  - id: headcount-over-budget\n    enabled: maybe\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(KnowledgeError):
            loading.load_knowledge(playbook)
    assert entries(tmp_path) == []
    with pytest.raises(KnowledgeError, match="cannot read"):
        loading.load_knowledge(tmp_path / "missing.yaml")
