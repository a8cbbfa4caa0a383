"""Safe YAML for front matter and lexicon files.

On top of ``yaml.SafeLoader`` (which already refuses Python tags):

* anchors and aliases are refused, so no "billion laughs" expansion can happen;
* a key repeated in one mapping is refused, naming the key and its line;
* dates stay text (``2023-13-45`` reaches the date parser, which names the field,
  instead of failing inside YAML);
* the caller gives a size cap, checked before parsing.

Every problem is a :class:`YAMLProblem` with the 1-based line where it was found.
"""

from __future__ import annotations

from typing import Any

import yaml

from biaskit.schema import escape

__all__ = ["SafeLineLoader", "YAMLProblem", "load_packaged_yaml", "load_yaml"]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YAMLProblem(ValueError):
    """Malformed or refused YAML; ``line`` is 1-based (None when unknown)."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        problem = escape(" ".join(problem.split()))[:200]
        super().__init__(problem)
        self.problem = problem
        self.line = line


class _StrictMappings(yaml.constructor.SafeConstructor):
    """Mappings without duplicate keys; with ``line_numbers = True`` every mapping gets its
    1-based line as ``__line__``."""

    line_numbers = False
    line_offset = 0

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1 + self.line_offset
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key (a list or mapping)
                raise YAMLProblem("a key must be text, not a list or mapping", line) from None
            if first is not None:
                raise YAMLProblem(f"duplicate key {key!r} (first on line {first})", line)
            seen[key] = line
        mapping = super().construct_mapping(node, deep=deep)
        if self.line_numbers:
            mapping["__line__"] = node.start_mark.line + 1 + self.line_offset
        return mapping


class SafeLineLoader(_StrictMappings, yaml.SafeLoader):
    """SafeLoader without aliases, anchors, duplicate keys or implicit timestamps.

    With ``line_numbers = True`` every mapping gets its 1-based line as ``__line__``.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YAMLProblem(
                f"aliases (*{event.anchor}) are not allowed", event.start_mark.line + 1
            )
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YAMLProblem(f"anchors (&{anchor}) are not allowed", event.start_mark.line + 1)
        return super().compose_node(parent, index)


SafeLineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SafeLineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    lambda loader, node: loader.construct_mapping(node, deep=True),
)


class _NumberedLoader(SafeLineLoader):
    line_numbers = True


try:  # libyaml, when PyYAML was built with it
    from yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _CParser = None
_CNumberedLoader: type | None = None
if _CParser is not None:

    class _CNumberedLoader(_CParser, _StrictMappings, yaml.resolver.Resolver):  # type: ignore[no-redef]
        """libyaml's parser with the same refusals and resolvers as :class:`SafeLineLoader`
        (anchors and aliases are refused from the event stream before composing)."""

        line_numbers = True

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _StrictMappings.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _CNumberedLoader.yaml_implicit_resolvers = SafeLineLoader.yaml_implicit_resolvers
    _CNumberedLoader.yaml_constructors = SafeLineLoader.yaml_constructors


def _refuse_anchors(text: str) -> None:
    """Raise :class:`YAMLProblem` at the first anchor or alias (libyaml's event stream)."""
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise YAMLProblem(
                f"aliases (*{event.anchor}) are not allowed", event.start_mark.line + 1
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YAMLProblem(f"anchors (&{anchor}) are not allowed", event.start_mark.line + 1)


def load_packaged_yaml(text: str, *, max_chars: int) -> Any:
    """Parse a file shipped with the package, with line numbers: libyaml when PyYAML has it
    (much faster), refusing anchors, aliases and duplicate keys as :func:`load_yaml` does;
    otherwise :func:`load_yaml`. User files always take :func:`load_yaml` (libyaml accepts
    some inputs the strict path rejects)."""
    if _CNumberedLoader is None or len(text) > max_chars:
        return load_yaml(text, max_chars=max_chars, line_numbers=True)
    try:
        _refuse_anchors(text)
        loader = _CNumberedLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError:  # let the strict path name the problem
        return load_yaml(text, max_chars=max_chars, line_numbers=True)


def load_yaml(
    text: str, *, max_chars: int, line_numbers: bool = False, first_line: int = 1
) -> Any:
    """Parse ``text`` safely; raises :class:`YAMLProblem` (lines counted from ``first_line``)."""
    if len(text) > max_chars:
        raise YAMLProblem(f"YAML is {len(text):,} characters; the limit is {max_chars:,}")
    loader_class = _NumberedLoader if line_numbers else SafeLineLoader
    offset = first_line - 1
    loader = None
    try:
        loader = loader_class(text)
        loader.line_offset = offset
        return loader.get_single_data()
    except YAMLProblem as exc:
        if exc.line is not None and "duplicate key" not in exc.problem:
            exc.line += offset
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        raise YAMLProblem(str(exc.problem or exc.context or "malformed YAML"), line) from None
    except yaml.YAMLError as exc:
        raise YAMLProblem(f"malformed YAML: {exc}") from None
    except (ValueError, OverflowError, RecursionError) as exc:  # e.g. a huge or deep value
        raise YAMLProblem(f"cannot read YAML: {type(exc).__name__}") from None
    finally:
        if loader is not None:
            loader.dispose()
