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
from typing import Any

#: The dtypes an array entry may have (numpy names, little-endian), with their stdlib array codes.
DTYPES = {"<f8": "d", "<f4": "f", "<i8": "q", "<i4": "i", "<i2": "h", "|b1": "b", "|i1": "b", "|u1": "B"}


class Unsound(ValueError):
    """A stored value that is not what its entry should hold."""


def to_json(value: Any) -> Any:
    """A dataclass (nested, with tuples) as JSON-ready dicts and lists; Path fields are left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_json(getattr(value, field.name)) for field in dataclasses.fields(value)
                if field.name != "path"}
    if isinstance(value, (tuple, list)):
        return [to_json(part) for part in value]
    return value


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(cls: Any, data: Any) -> Any:
    """``data`` (as to_json made it) as an instance of ``cls``, every field's type checked."""
    origin = typing.get_origin(cls)
    if origin in (typing.Union, getattr(types, "UnionType", typing.Union)):
        options = typing.get_args(cls)
        if data is None and type(None) in options:
            return None
        for option in options:
            if option is not type(None):
                try:
                    return from_json(option, data)
                except Unsound:
                    continue
        raise Unsound(f"{data!r:.40} fits none of {options}")
    if origin is tuple:
        if not isinstance(data, list):
            raise Unsound("expected a list")
        (part, *_) = typing.get_args(cls)
        return tuple(from_json(part, element) for element in data)
    if dataclasses.is_dataclass(cls):
        if not isinstance(data, dict):
            raise Unsound(f"expected a mapping for {cls.__name__}")
        hints = _hints(cls)
        fields = {field.name for field in dataclasses.fields(cls) if field.name != "path"}
        if not set(data) <= fields:
            raise Unsound(f"unexpected fields in {cls.__name__}: {sorted(set(data) - fields)}")
        try:
            return cls(**{name: from_json(hints[name], value) for name, value in data.items()})
        except TypeError as error:  # a required field is missing
            raise Unsound(str(error)) from None
    if cls is float:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise Unsound("expected a number")
        return float(data)
    if cls in (str, int, bool):
        if type(data) is not cls:
            raise Unsound(f"expected {cls.__name__}")
        return data
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
