"""Reading YAML files safely into plain Python values, remembering where each value came from.

Plan files are untrusted input. They are parsed to a node tree with PyYAML's base composer (libyaml's
when present), which constructs nothing, then turned into dicts, lists and scalars here, so that:

- only plain YAML types are accepted: no ``!!python/...`` or other tags, no merge keys; unquoted
  values are read by YAML's safe schema (numbers, true/false, null; dates are refused);
- anchors and aliases are refused, which also defuses "billion laughs" alias bombs;
- a key given twice in one mapping is an error rather than a silent overwrite;
- every value's line and column can be found (from the node tree, when a problem is reported).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from plancompare.errors import InvalidInput, Problem
from plancompare.plans.inputfile import MAX_FILE_BYTES, read_limited

#: Values nested deeper than this are refused (a plan file nests about 6 levels).
MAX_DEPTH = 100

Location = tuple[int, int]

# The base loader tags every untagged scalar as text; the few plain scalars that YAML reads as
# something else (numbers, true/false, null, dates) are recognised in _scalar with the safe
# resolver's own rules, looked up by first character. That is much cheaper than resolving every
# node (the safe loader's way), which dominated parsing for large plan sets.
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_TAG_PREFIX = "tag:yaml.org,2002:"
_STR = _TAG_PREFIX + "str"
_DEFAULT_TAGS = {ScalarNode: _STR, SequenceNode: _TAG_PREFIX + "seq", MappingNode: _TAG_PREFIX + "map"}
#: The tag the loader gives an untagged, unquoted scalar, which _scalar_tag then reads by the safe schema.
_PLAIN = "tag:plancompare,2026:plain"


class _Loader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):  # type: ignore[misc]
    """The base loader with its per-node resolver hooks cut to a table lookup (no path resolvers)."""

    def resolve(self, kind, value, implicit):
        # Called only for nodes without an explicit tag; implicit[0] is true for an unquoted scalar.
        return _PLAIN if kind is ScalarNode and implicit[0] else _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

_constructor = yaml.constructor.SafeConstructor()
#: Numbers as people write them (YAML 1.2's core schema: decimal, 0x hexadecimal, floats, .inf and
#: .nan). YAML 1.1 also reads 1:30 as 90 (base 60), 012 as 10 (octal), 0b11 and 1_000 as numbers;
#: those are kept as the text they are.
_PLAIN_INT = re.compile(r"[-+]?[0-9]+")
_HEX_INT = re.compile(r"[-+]?0x[0-9a-fA-F]{1,25}")
_PLAIN_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
#: Longer integers are refused (Python's own limit on converting digits is 4,300).
_MAX_DIGITS = 100


def _plain_number(node: ScalarNode) -> Any:
    """A plain scalar that YAML reads as a number: the number when written the usual way, else the text."""
    value = node.value
    if _PLAIN_INT.fullmatch(value):
        digits = value.lstrip("+-")
        if len(digits) > _MAX_DIGITS:
            raise _Refused(node, f"a number of {len(digits):,} digits is too long", "write at most 100 digits")
        # A leading zero is octal to YAML 1.1 (012 is 10); keep what was written.
        return value if len(digits) > 1 and digits.startswith("0") else int(value)
    if _HEX_INT.fullmatch(value):
        return int(value, 16)
    if _PLAIN_FLOAT.fullmatch(value):
        return _constructor.construct_yaml_float(node)
    return value


_SCALAR_BUILDERS = {
    _STR: lambda node: node.value,
    _TAG_PREFIX + "int": _plain_number,
    _TAG_PREFIX + "float": _plain_number,
    _TAG_PREFIX + "bool": _constructor.construct_yaml_bool,
    _TAG_PREFIX + "null": _constructor.construct_yaml_null,
}


class Locations:
    """Where each value of a parsed file sits: path (keys and list indexes) -> (line, column).

    Worked out from the node tree on request, since only a file with a problem needs it. A key's
    location is the key's own; a list entry's is the entry's.
    """

    def __init__(self, root: Node):
        self._root = root

    def get(self, path: tuple, default: Location | None = None) -> Location | None:
        """The (line, column) of the value at ``path``, counted from 1, or ``default``."""
        node = self._root
        mark = node.start_mark
        for part in path:
            if isinstance(node, MappingNode) and isinstance(part, str):
                pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None)
                if pair is None:
                    return default
                mark, node = pair[0].start_mark, pair[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
            else:
                return default
        return (mark.line + 1, mark.column + 1)

    def __contains__(self, path: tuple) -> bool:
        return self.get(path) is not None


class _Refused(Exception):
    def __init__(self, node: Node, message: str, hint: str | None = None):
        super().__init__(message)
        self.node, self.message, self.hint = node, message, hint


def read_yaml(path: Path, display_name: str | None = None, data: bytes | None = None) -> tuple[Any, Locations]:
    """Parse one YAML file into plain values and the Locations of those values; ``data``, when
    given, is the file's bytes as the caller has already read them (and keyed a cache entry by).

    Raises InvalidInput with a one-line problem for anything unreadable, unparsable or refused.
    """
    name = display_name or str(path)
    return parse_yaml(_read_text(path, name, data), name)


def parse_yaml(text: str, name: str) -> tuple[Any, Locations]:
    """Parse YAML text as read_yaml parses a file's, naming ``name`` in any problem."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise InvalidInput([_syntax_problem(name, error)]) from None
    except yaml.reader.ReaderError as error:
        raise InvalidInput([_character_problem(name, text, error)]) from None
    except yaml.YAMLError as error:
        raise InvalidInput([Problem(name, f"not valid YAML: {' '.join(str(error).split())}")]) from None
    except RecursionError:
        raise InvalidInput([Problem(name, f"values are nested more than {MAX_DEPTH} levels deep", hint="flatten the file")]) from None
    if root is None:
        raise InvalidInput([Problem(name, "the file holds no YAML document", 1, 1, "is it empty?")])
    # An alias makes the composer reuse a node, so a node met twice is an alias. Every node is
    # checked, whatever the text looks like: a scan of the text for anchors can be fooled (flow style
    # puts '&' right after ':'), and one missed alias is an exponential "billion laughs" expansion.
    try:
        value = _to_python(root, set())
    except _Refused as refused:
        mark = refused.node.start_mark
        raise InvalidInput([Problem(name, refused.message, mark.line + 1, mark.column + 1, refused.hint)]) from None
    return value, Locations(root)


def _read_text(path: Path, name: str, data: bytes | None = None) -> str:
    if data is None:
        data = read_limited(path, name, MAX_FILE_BYTES)
    elif len(data) > MAX_FILE_BYTES:
        raise InvalidInput([Problem(name, f"file is over the {MAX_FILE_BYTES:,}-byte limit for plan files")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problem = Problem(name, f"byte 0x{data[error.start]:02x} is not valid UTF-8", line, column, "save the file as UTF-8")
        raise InvalidInput([problem]) from None


def _character_problem(name: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not accept (a NUL, a control character), at its line and column."""
    position = error.position
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Problem(name, f"character U+{error.character if isinstance(error.character, int) else ord(error.character):04X} "
                         "is not allowed in YAML (control characters are refused)", line, column, "remove it")


def _syntax_problem(name: str, error: yaml.MarkedYAMLError) -> Problem:
    message = error.problem or "invalid YAML"
    mark = error.problem_mark or error.context_mark
    if error.context:
        message = f"{error.context}, {message}"
        if "end of stream" in message and error.context_mark:
            # An unclosed quote or bracket: point at where it opened, not at the end of the file.
            mark = error.context_mark
    hint = "check the indentation and quoting"
    if "\t" in message or "tab" in message:
        message, hint = "a tab character where YAML expects spaces", "indent with spaces, not tabs"
    elif "expected a single document" in message:
        message, hint = "more than one YAML document in the file", "remove the '---' separator"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return Problem(name, f"YAML syntax error: {message}", line, column, hint)


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else tag


def _to_python(node: Node, seen: set[int], depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise _Refused(node, f"values are nested more than {MAX_DEPTH} levels deep", "flatten the file")
    if id(node) in seen:
        raise _Refused(node, "YAML anchors and aliases are not allowed in plan files", "write the value out in full")
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, MappingNode):
        if node.tag != _TAG_PREFIX + "map":
            raise _Refused(node, f"YAML tag '{_tag_name(node.tag)}' is not allowed", "remove the tag")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key(key_node, seen)
            if key in result:
                raise _Refused(key_node, f"key '{key}' appears twice in the same mapping", "keep one of them")
            result[key] = _to_python(value_node, seen, depth + 1)
        return result
    if node.tag != _TAG_PREFIX + "seq":
        raise _Refused(node, f"YAML tag '{_tag_name(node.tag)}' is not allowed", "remove the tag")
    return [_to_python(child, seen, depth + 1) for child in node.value]


def _key(node: Node, seen: set[int]) -> str:
    if id(node) in seen:
        raise _Refused(node, "YAML anchors and aliases are not allowed in plan files", "write the key out in full")
    seen.add(id(node))
    if node.__class__ is not ScalarNode or _scalar_tag(node) != _STR:
        if isinstance(node, ScalarNode) and node.tag == _PLAIN and node.value == "<<":
            raise _Refused(node, "YAML merge keys ('<<') are not allowed in plan files", "write the keys out in full")
        raise _Refused(node, "mapping keys must be plain words", "use a name such as 'text', not a number or list")
    return node.value


def _scalar_tag(node: ScalarNode) -> str:
    """The node's tag, with a plain (unquoted, untagged) scalar read as YAML's safe schema reads it."""
    if node.tag != _PLAIN:
        return node.tag
    value = node.value
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return _STR


def _scalar(node: ScalarNode) -> Any:
    tag = _scalar_tag(node)
    if tag == _STR:
        return node.value
    builder = _SCALAR_BUILDERS.get(tag)
    if builder is None:
        if tag == _TAG_PREFIX + "timestamp":
            raise _Refused(node, f"'{node.value}' reads as a date", "put it in quotes to keep it as text")
        raise _Refused(node, f"YAML tag '{_tag_name(tag)}' is not allowed", "plan files hold only text, numbers and lists")
    return builder(node)
