"""What calls, subscripts and operators do to abstract values.

The interpreter walks statements; this package knows what a split, a fit, a transform, a
statistic, a score or a selection does to rows. Library specifics come from the library
models (``leaklint.library``) by category, never from the names of the user's variables.

- ``operators``: arithmetic, comparisons, masks, selections made by an ``if``;
- ``containers``: tuples, lists, dicts, comprehensions, iteration;
- ``frames``: attributes, subscripts and column stores (which rows, which columns);
- ``calls``: user functions and classes, and the dispatch to the library models;
- ``library_calls``: what each category of library function does (load, split, score, ...);
- ``estimators``: fit, transform, predict, score and the other methods of objects;
- ``data_methods``: methods of frames, series and arrays (statistics, samples, drops, ...);
- ``common``: what they share (arguments, sources, events, notes).
"""
from leaklint.analysis.semantics import (  # noqa: F401 - the order of import settles the cycles
    common,
    operators,
    containers,
    frames,
    calls,
    library_calls,
    estimators,
    data_methods,
)
from leaklint.analysis.semantics.calls import call
from leaklint.analysis.semantics.common import category_of, parameter_source, with_content
from leaklint.analysis.semantics.containers import comprehension, dict_literal, element_of, sequence, unpack
from leaklint.analysis.semantics.frames import attribute, store_column, store_subscript, subscript
from leaklint.analysis.semantics.operators import check_selection_in_if, combine, compare, unary

__all__ = [
    "attribute", "call", "category_of", "check_selection_in_if", "combine", "compare", "comprehension",
    "dict_literal", "element_of", "parameter_source", "sequence", "store_column", "store_subscript", "subscript",
    "unary", "unpack", "with_content",
]
