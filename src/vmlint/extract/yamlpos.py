"""YAML with positions: PyYAML's composer keeps each node's marks and returns an alias as the node it names.

Aliases are never expanded: the tree holds each node once, so an "alias bomb" costs its
size. Depth is bounded (on libyaml's event stream first when PyYAML has libyaml, since its
composer recurses; in the pure-Python composer as it goes).
"""

from __future__ import annotations

from ..errors import InputError
from .tree import MAX_DEPTH, MAX_FIELD_CHARS, Arr, BoundError, Obj, Str, line_of as _line_of

def parse_yaml(text: str) -> list[object]:
    """YAML documents to trees; aliases are the node they name (never expanded), depth bounded."""
    import yaml

    class Loader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                return super().compose_node(parent, index)
            Loader.depth += 1
            try:
                if Loader.depth > MAX_DEPTH:
                    mark = self.peek_event().start_mark
                    raise BoundError(f"nesting deeper than {MAX_DEPTH} levels (the depth bound)", line=mark.line + 1)
                return super().compose_node(parent, index)
            finally:
                Loader.depth -= 1

    docs = []
    loader = None
    fast = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it
    try:
        if fast is not None:
            # The C composer recurses: bound the depth on the event stream first (iterative, in C).
            depth = 0
            for event in yaml.parse(text, Loader=fast):
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise BoundError(f"nesting deeper than {MAX_DEPTH} levels (the depth bound)",
                                         line=event.start_mark.line + 1)
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    depth -= 1
            return [_from_yaml(node, text) for node in yaml.compose_all(text, Loader=fast) if node is not None]
        loader = Loader(text)
        while loader.check_node():
            docs.append(_from_yaml(loader.get_node(), text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        if "nesting depth" in str(exc.problem):  # libyaml's own, larger limit, met while scanning ahead
            raise BoundError(f"nesting deeper than {MAX_DEPTH} levels (the depth bound)", line=line) from None
        raise InputError(f"not valid YAML: {exc.problem or exc.context}", line=line) from None
    except yaml.reader.ReaderError as exc:
        raise InputError(f"not valid YAML: character #x{exc.character:04x} is not allowed",
                         line=_line_of(text, exc.position)) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {' '.join(str(exc).split())}") from None
    finally:
        if loader is not None:
            loader.dispose()
    return docs


def _from_yaml(root, text: str) -> object:
    import yaml

    built: dict[int, object] = {}
    order = []
    stack = [root]
    while stack:  # visit each node once (an alias is the same node object)
        node = stack.pop()
        if id(node) in built:
            continue
        built[id(node)] = None
        order.append(node)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    claimed: set[int] = set()

    def claim(v):
        # a node reached again through an alias is not walked again: the tree holds it once
        if id(v) in claimed:
            return None
        claimed.add(id(v))
        return built[id(v)]

    for node in reversed(order):
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:str" or node.style is not None:
                if len(node.value) > MAX_FIELD_CHARS:
                    raise BoundError(f"a string longer than {MAX_FIELD_CHARS:,} characters (the field-size bound)",
                                     line=node.start_mark.line + 1)
                built[id(node)] = Str(node.value, align(node.value, text, node.start_mark.index, node.end_mark.index,
                                                        block=node.style in ("|", ">")), node.start_mark.line + 1)
            else:
                built[id(node)] = node.value
        elif isinstance(node, yaml.MappingNode):
            obj = Obj()
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else ""
                obj.items.append((str(key), claim(v)))
            built[id(node)] = obj
        else:
            built[id(node)] = Arr([claim(v) for v in node.value])
    return built[id(root)]


def align(value: str, text: str, start: int, end: int, *, block: bool = False) -> tuple[tuple[int, int, int, int], ...]:
    """Where each character of a decoded scalar sits in ``text[start:end]`` (quotes, escapes, folding, indentation).

    Copied characters become exact pieces; an escape stands for its raw characters; what the
    file has and the value lacks (quotes, indentation, a folded line break) is skipped.
    """
    pieces: list[list[int]] = []
    j = start
    if block:  # skip the '|' / '>' indicator line
        nl = text.find("\n", start, end)
        j = nl + 1 if nl >= 0 else start
    for i, c in enumerate(value):
        while j < end and text[j] != c and (text[j].isspace() or text[j] in "\"'"):
            j += 1
        if j < end and text[j] == c:
            if pieces and pieces[-1][2] == pieces[-1][3] and pieces[-1][1] + pieces[-1][3] == j and pieces[-1][0] + pieces[-1][2] == i:
                pieces[-1][2] += 1
                pieces[-1][3] += 1
            else:
                pieces.append([i, j, 1, 1])
            j += 1
            continue
        raw = 1
        if j < end and text[j] == "\\":
            nxt = text[j + 1:j + 2]
            raw = {"x": 4, "u": 6, "U": 10}.get(nxt, 2)
        pieces.append([i, min(j, end), 1, raw if j < end else 0])
        j = min(end, j + raw)
    return tuple(tuple(p) for p in pieces)
