"""Structured values as JSON, checked field by field; arrays as little-endian bytes of allowed dtypes."""

from __future__ import annotations

import array

import numpy as np
import pytest

from plancompare.plans.model import Council, Item, Theme
from plancompare.store import codec


def test_dataclasses_round_trip_through_json() -> None:
    item = Item("a.b.indicator.1", "indicator", "Homes built", "a", "a.b", local="120", local_value=120.0, year="2023")
    assert codec.from_json(Item, codec.to_json(item)) == item
    council = Council("a", "A Council", "A", "unitary", "West", ("Ay", "Aye"))
    assert codec.from_json(Council, codec.to_json(council)) == council
    assert codec.from_json(tuple[Theme, ...], [codec.to_json(Theme("t", "T", "d", ("k",)))]) == (Theme("t", "T", "d", ("k",)),)


@pytest.mark.parametrize("data", [
    {"id": 1, "kind": "k", "text": "t", "council_id": "c"},  # a number for a text
    {"id": "i", "kind": "k", "text": "t"},  # a required field missing
    {"id": "i", "kind": "k", "text": "t", "council_id": "c", "__class__": "os.system"},  # a field it has not
    ["i", "k", "t", "c"],
    {"id": "i", "kind": "k", "text": "t", "council_id": "c", "local_value": True},
])
def test_values_that_do_not_fit_are_unsound(data) -> None:
    with pytest.raises(codec.Unsound):
        codec.from_json(Item, data)


def test_arrays_round_trip_as_little_endian_bytes() -> None:
    values = np.arange(6, dtype=">i4").reshape(2, 3)  # big-endian in memory
    dtype, shape, data = codec.array_record(values)
    assert (dtype, shape, data[:4]) == ("<i4", "[2,3]", b"\x00\x00\x00\x00")
    assert codec.numpy_array(dtype, shape, data).tolist() == values.tolist()
    stdlib = array.array("h", [-1, 2, 3])
    assert codec.stdlib_array(*codec.array_record(stdlib)).tolist() == [-1, 2, 3]


@pytest.mark.parametrize(("dtype", "shape", "data"), [
    ("|O", "[1]", b"\x00" * 8),  # objects: never
    ("<f8", "[2]", b"\x00" * 8),  # too few bytes for the shape
    ("<f8", "[-1]", b""),
    ("<f8", '"[1]"', b"\x00" * 8),
])
def test_arrays_that_do_not_fit_are_unsound(dtype: str, shape: str, data: bytes) -> None:
    with pytest.raises(codec.Unsound):
        codec.numpy_array(dtype, shape, data)
    with pytest.raises(codec.Unsound):
        codec.array_record(np.array([object()]))


def test_no_module_of_plancompare_can_unpickle() -> None:
    """Nothing plancompare reads back is deserialised by a format that can run code."""
    import ast

    from support import REPO

    offenders = []
    for path in sorted((REPO / "plancompare").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] in ("pickle", "marshal", "shelve", "dill", "joblib")]
    assert offenders == []
