"""Turning what the cache holds into plain data and back: JSON for structured values, raw
little-endian bytes with a dtype and a shape for arrays. Nothing here can run code: JSON decodes to
dicts, lists, strings and numbers, which are checked field by field against the dataclass they
become, and array bytes are read as numbers of an allowed dtype. Anything that does not fit raises
Unsound, and the caller rebuilds the entry.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

#: The dtypes an array entry may have (numpy names, little-endian), with their stdlib array codes.
DTYPES = {"<f8": "d", "<f4": "f", "<i8": "q", "<i4": "i", "<i2": "h", "|b1": "b", "|i1": "b", "|u1": "B"}


class Unsound(ValueError):
    """A stored value that is not what its entry should hold."""


def to_json(value: Any) -> Any:
    """A dataclass (nested, with tuples) as JSON-ready dicts and lists. Path fields are left out, and
    so are fields at their default (most of an item's are None), which keeps decoding quick."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        record = {}
        for field in dataclasses.fields(value):
            part = getattr(value, field.name)
            if field.name != "path" and (field.default is dataclasses.MISSING or part != field.default):
                record[field.name] = to_json(part)
        return record
    if isinstance(value, (tuple, list)):
        return [to_json(part) for part in value]
    return value


def from_json(cls: Any, data: Any) -> Any:
    """``data`` (as to_json made it) as an instance of ``cls``, every field's type checked."""
    return _decoder(cls)(data)


@functools.lru_cache(maxsize=None)
def _decoder(cls: Any) -> Callable[[Any], Any]:
    """A function that checks and decodes JSON data as ``cls``: made once per type, since a plan set
    of a hundred thousand items decodes each field type hundreds of thousands of times."""
    origin = typing.get_origin(cls)
    if origin in (typing.Union, getattr(types, "UnionType", typing.Union)):
        options = [_decoder(option) for option in typing.get_args(cls) if option is not type(None)]
        optional = type(None) in typing.get_args(cls)

        def union(data: Any) -> Any:
            if data is None and optional:
                return None
            for option in options:
                try:
                    return option(data)
                except Unsound:
                    continue
            raise Unsound(f"{data!r:.40} fits none of {typing.get_args(cls)}")

        return union
    if origin is tuple:
        part = _decoder(typing.get_args(cls)[0])

        def sequence(data: Any) -> Any:
            if not isinstance(data, list):
                raise Unsound("expected a list")
            return tuple(part(element) for element in data)

        return sequence
    if dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        fields = {field.name: _decoder(hints[field.name]) for field in dataclasses.fields(cls) if field.name != "path"}

        def record(data: Any) -> Any:
            if not isinstance(data, dict):
                raise Unsound(f"expected a mapping for {cls.__name__}")
            try:
                return cls(**{name: fields[name](value) for name, value in data.items()})
            except KeyError as error:
                raise Unsound(f"unexpected field in {cls.__name__}: {error}") from None
            except TypeError as error:  # a required field is missing
                raise Unsound(str(error)) from None

        return record
    if cls is float:
        def number(data: Any) -> float:
            if type(data) is not float and type(data) is not int:
                raise Unsound("expected a number")
            return float(data)

        return number
    if cls in (str, int, bool):
        def plain(data: Any) -> Any:
            if type(data) is not cls:
                raise Unsound(f"expected {cls.__name__}")
            return data

        return plain
    raise Unsound(f"cannot decode {cls!r}")


def array_record(values: Any) -> tuple[str, str, bytes]:
    """A numpy array (or stdlib array.array) as (dtype, shape, little-endian bytes)."""
    import array as stdlib_array

    if isinstance(values, stdlib_array.array):
        code = {"d": "<f8", "f": "<f4", "q": "<i8", "i": "<i4", "h": "<i2", "b": "|i1", "B": "|u1"}[values.typecode]
        copy = stdlib_array.array(values.typecode, values)
        if sys.byteorder == "big":
            copy.byteswap()
        return code, f"[{len(values)}]", copy.tobytes()
    import numpy as np

    values = np.ascontiguousarray(values)
    dtype = values.dtype.newbyteorder("<") if values.dtype.byteorder not in ("|", "<") else values.dtype
    if dtype.str not in DTYPES:
        raise Unsound(f"arrays of {values.dtype} are not stored")
    return dtype.str, "[" + ",".join(str(n) for n in values.shape) + "]", values.astype(dtype, copy=False).tobytes()


def _checked(dtype: str, shape: str, data: bytes) -> tuple[int, ...]:
    import json

    if dtype not in DTYPES:
        raise Unsound(f"dtype {dtype!r} is not allowed")
    dims = json.loads(shape)
    if not isinstance(dims, list) or not all(type(n) is int and n >= 0 for n in dims):
        raise Unsound("bad shape")
    count = 1
    for n in dims:
        count *= n
    if count * int(dtype[2:]) != len(data):
        raise Unsound("the bytes do not fill the shape")
    return tuple(dims)


def numpy_array(dtype: str, shape: str, data: bytes) -> Any:
    """A stored array as a (read-only) numpy array."""
    import numpy as np

    dims = _checked(dtype, shape, data)
    return np.frombuffer(data, dtype=np.dtype(dtype)).reshape(dims)


def stdlib_array(dtype: str, shape: str, data: bytes) -> Any:
    """A stored one-dimensional array as an array.array, without importing numpy."""
    import array

    dims = _checked(dtype, shape, data)
    if len(dims) != 1:
        raise Unsound("expected one dimension")
    values = array.array(DTYPES[dtype])
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values
