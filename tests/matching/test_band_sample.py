"""scripts/band_sample.py: a blind sheet of partly covered rows (the two texts only) with its key,
reproducible from its seed, and the tally of a judged sheet."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from plancompare.matching.config import DEFAULT_CONFIG

REPO = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("band_sample", REPO / "scripts" / "band_sample.py")
band_sample = importlib.util.module_from_spec(spec)
spec.loader.exec_module(band_sample)


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> tuple[Path, Path, Path, Path]:
    first, second = tmp_path_factory.mktemp("band"), tmp_path_factory.mktemp("band")
    paths = [folder / name for folder in (first, second) for name in ("sheet.md", "key.yaml")]
    assert band_sample.main([str(paths[0]), str(paths[1]), "--seed", "7", "--rows", "12"]) == 0
    assert band_sample.main([str(paths[2]), str(paths[3]), "--seed", "7", "--rows", "12"]) == 0
    return tuple(paths)


def test_the_sheet_holds_only_the_two_texts_and_the_key_the_rest(drawn) -> None:
    sheet, key = drawn[0].read_text(encoding="utf-8"), yaml.safe_load(drawn[1].read_text(encoding="utf-8"))
    assert key["seed"] == 7 and key["rows"] == len(key["entries"]) == 12 and key["drawn_from"] >= 12
    assert (key["threshold"], key["partly_floor"]) == (DEFAULT_CONFIG.threshold, DEFAULT_CONFIG.partly_floor)
    rows = re.findall(r"^## (\d+)\n\n- A: (.*)\n- B: (.*)\n- related: $", sheet, re.M)
    assert [int(n) for n, _, _ in rows] == list(range(1, 13))
    from plancompare.workspace import Workspace

    workspace = Workspace(use_cache=False)
    index = workspace.index()
    by_id = {item.id: item for item in index.items}
    theme_names = {theme.label for theme in index.themes}
    for (_, a_text, b_text), entry in zip(rows, key["entries"]):
        a, b = by_id[entry["a"]], by_id[entry["b"]]
        assert a_text == band_sample.one_line(a.text) and b_text == band_sample.one_line(b.text)
        assert a.council_id != b.council_id == entry["b_council"]
        # Each row is partly covered, and B is A's nearest counterpart in B's council.
        assert DEFAULT_CONFIG.partly_floor <= entry["score"] < DEFAULT_CONFIG.threshold
        assert index.top_theme(a) == entry["a_theme"]
    body = sheet[sheet.index("## 1"):]
    assert not re.search(r"\b0\.\d{2,}", body)  # no scores
    assert not any(f"({name})" in body for name in theme_names) and "partly covered" not in body.lower()
    assert "sandwell," not in body and "(coventry" not in body  # no council labels beside the texts


def test_the_same_seed_draws_the_same_sheet(drawn) -> None:
    assert drawn[0].read_bytes() == drawn[2].read_bytes() and drawn[1].read_bytes() == drawn[3].read_bytes()


def test_tally_counts_a_judged_sheet_and_refuses_one_left_unanswered(drawn, tmp_path: Path) -> None:
    sheet = drawn[0].read_text(encoding="utf-8")
    answers = iter(["yes — both about X"] * 7 + ["no"] * 5)
    judged = re.sub(r"^- related: $", lambda _: f"- related: {next(answers)}", sheet, flags=re.M)
    (tmp_path / "judged.md").write_text(judged, encoding="utf-8")
    counted = band_sample.tally(tmp_path / "judged.md", drawn[1])
    assert counted["all"] == {"rows": 12, "related": 7} and counted["passes"] is True
    assert sum(part["rows"] for part in counted["by_score"].values()) == 12
    assert counted["same_top_theme"]["rows"] + counted["other_top_theme"]["rows"] == 12
    (tmp_path / "half.md").write_text(judged.replace("- related: no", "- related: ", 1), encoding="utf-8")
    with pytest.raises(SystemExit, match="no yes/no answer for rows"):
        band_sample.tally(tmp_path / "half.md", drawn[1])
