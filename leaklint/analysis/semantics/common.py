"""Helpers every part of the semantics shares: argument access, sources, events, notes."""
from __future__ import annotations

import re

import libcst as cst

from leaklint.analysis.facts import Note, Score, Select, Source, Use
from leaklint.analysis.render import code_for_node
from leaklint.analysis.state import Obj
from leaklint.analysis.values import NO_CONST, Part, Value, flow, join


STATEFUL = ("transformer", "pipeline", "unknown", "instance", "search")


MODEL_LIKE = ("model", "pipeline", "search", "unknown", "instance", "trainer")


DATE_WORDS = re.compile(r"(^|_)(date|time|timestamp|datetime|dt|ts|year|month|day|week|period|hour)s?($|_)", re.I)


DATA_ACCESSORS = frozenset({"values", "T", "loc", "iloc", "at", "iat", "str", "dt", "cat", "array", "data",
                             "targets", "target", "features", "x", "y", "X", "dataset", "flat", "real"})


# Of those, the ones that take a part of a dataset object (a Bunch, a torch dataset, a
# batch): the part has columns of its own, not those of the object it came from.
PART_ACCESSORS = frozenset({"data", "targets", "target", "features", "x", "y", "X", "dataset"})


META_ATTRS = frozenset({"shape", "columns", "dtypes", "dtype", "size", "ndim", "nbytes", "name", "names",
                         "empty", "device", "classes_", "n_features_in_", "feature_names_in_"})


PASS_BUILTINS = frozenset({"list", "tuple", "set", "frozenset", "float", "int", "round", "abs", "str", "bool",
                            "dict", "reversed", "iter", "sum", "any", "all", "map", "filter", "pow", "divmod"})


def code_of(interp, node) -> str:
    try:
        return code_for_node(interp.module, node).strip()
    except Exception:  # noqa: BLE001 - code generation of an odd node; any stable text will do
        return repr(type(node))


def short(interp, node, limit: int = 60, prefix: str = "") -> Note:
    """The code of ``node`` for traces, rendered only if a finding shows it."""
    return Note(interp.module, node, limit, prefix)


def call_args(interp, call: cst.Call, frame):
    positional, keywords = [], {}
    for arg in call.args:
        value = interp.eval(arg.value, frame)
        if arg.keyword is not None:
            keywords[arg.keyword.value] = value
        elif arg.star == "*":
            if value.items is not None:
                positional.extend(value.items)
            else:
                positional.append(value)
        elif arg.star == "**":
            keywords.setdefault("**", value)
        else:
            positional.append(value)
    return positional, keywords


def arg_value(positional, keywords, index, *names):
    for name in names:
        if name in keywords:
            return keywords[name]
    if index is not None and index < len(positional):
        return positional[index]
    return None


def constant_of(value: Value | None):
    return NO_CONST if value is None else value.const


def narrow(interp, value: Value, split: int, side: str, node: int) -> Value:
    rows = value.rows
    selector = frozenset()
    if not rows:
        # An index array (``np.arange(n)``) or data of unknown origin: the parts it selects
        # when used as an index, and rows of its own when used as data.
        rows = frozenset({Part(new_source(interp, node, "data of unknown origin"))})
        selector = frozenset({(split, side)})
    narrowed = frozenset(p.narrowed(split, side) for p in rows)
    return value.with_(rows=narrowed, node=node, kind="data" if value.kind in ("unknown", "const") else value.kind,
                       items=None, fields=None, objs=frozenset() if value.kind != "pred" else value.objs,
                       selector=selector, const=NO_CONST)


def new_source(interp, node: int, note: str, role: str = "all") -> int:
    interp.facts.sources[node] = Source(node, role, note)
    return node


def role_from_text(text) -> str:
    if not isinstance(text, str):
        return "all"
    name = text.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if re.search(r"(^|[^a-z])test", name):
        return "test"
    if re.search(r"(^|[^a-z])train", name):
        return "train"
    return "all"


def is_seeded(interp, frame, value: Value | None, family: str | None) -> bool:
    if value is not None:
        if value.kind == "rng":
            return value.const == "seeded"
        if constant_of(value) is None:
            return family is not None and _governed(frame, family)
        if value.loops:
            interp.facts.seed_loops.update(value.loops)
        return True
    return family is not None and _governed(frame, family)


def _governed(frame, family: str) -> bool:
    seeds = frame.state.seeds
    return family in seeds or "all" in seeds


def new_container(interp, expr, frame, content: Value | None, items=None, fields=None) -> Value:
    node = interp.facts.add_node(expr, "container", kind="container", inputs=[v.node for v in (items or ())])
    frame.state.put(Obj(node, None, "container", content=content))
    return Value(kind="container", node=node, objs=frozenset({node}), items=items, fields=fields,
                 elem=content, evals=content.evals if content else frozenset(),
                 loops=content.loops if content else frozenset())


def with_content(interp, value: Value, frame) -> Value:
    """A container's value as it is now (appends and item stores since it was made)."""
    content = None
    for obj_id in value.objs:
        obj = frame.state.heap.get(obj_id)
        if obj is not None and obj.category == "container" and obj.content is not None:
            content = join(content, obj.content)
    if content is None:
        return value
    return value.with_(elem=join(value.elem, content), evals=value.evals | content.evals,
                       loops=value.loops | content.loops, rows=value.rows | content.rows,
                       informed=value.informed | content.informed, marks=value.marks | content.marks)


def category_of(interp, qual: str | None) -> str:
    api = interp.lib.lookup(qual)
    return api.kind if api is not None else "unknown"


def parameter_source(interp, param: cst.Param) -> Value:
    """A parameter of a function nobody in the run calls: an object of unknown origin.

    Whether `prep(df)` leaks depends on what its callers pass (all rows, or the training
    split), so the function's own data flow is not judged without a caller.
    """
    node = interp.facts.add_node(param, short(interp, param.name, 60, "parameter "), kind="source")
    return Value(kind="unknown", node=node, objs=frozenset({node}))


def opposite(side: str) -> str:
    return {"train": "test", "test": "train", "val": "train"}.get(side, side)


def dotted_key(expr) -> str | None:
    from leaklint.analysis.interpreter import _dotted

    return _dotted(expr)


def use(interp, node: int, what: str, value: Value) -> None:
    if value.rows:
        interp.facts.uses.append(_use(node, what, value))


def use_features_and_target(interp, node: int, what: str, x: Value | None, y: Value | None) -> None:
    """The features and the target of a fit are used apart: a LabelEncoder of the target is
    fine, the same encoder on a feature column learns from test rows."""
    if x is not None:
        use(interp, node, what, x)
    if y is not None:
        use(interp, node, what + "_target", y)


def _use(node, what, value):
    return Use(node, what, value.rows, value.informed)


def score_event(interp, expr, objs: frozenset, rows: frozenset, loops: frozenset, frame, cv: bool = False,
                inputs=(), model_loops: frozenset = frozenset(), data_loops: frozenset = frozenset()) -> int:
    node = interp.facts.add_node(expr, short(interp, expr, 50, "score "), kind="score", inputs=list(inputs))
    fits = frozenset(f for obj_id in objs for f in _obj_fits(frame, obj_id))
    for fit in fits:
        interp.facts.link(fit.node, node)
    for obj_id in objs:
        obj = frame.state.heap.get(obj_id)
        if obj is not None and obj.init is not None:
            model_loops = model_loops | obj.init.loops
    for fit in fits:
        model_loops = model_loops | fit.loops  # fitted on loop-varying features or data
    in_loops = frozenset(interp.loops)
    interp.facts.scores.append(Score(node, objs, fits, rows, loops | in_loops, cv, model_loops, in_loops, data_loops))
    return node


def _obj_fits(frame, obj_id):
    obj = frame.state.heap.get(obj_id)
    return obj.fits if obj is not None else ()


def fits_of(value: Value, frame) -> frozenset:
    return frozenset(f for obj_id in value.objs for f in _obj_fits(frame, obj_id))


def select_event(interp, expr, evals: frozenset, loops: frozenset, inputs=()) -> int:
    node = interp.facts.add_node(expr, short(interp, expr, 50, "selection "), kind="select",
                                 inputs=list(inputs) + sorted(evals))
    interp.facts.selects.append(Select(node, evals, loops | frozenset(interp.loops)))
    return node


def obj_loops(obj: Obj) -> frozenset:
    loops = obj.init.loops if obj.init is not None else frozenset()
    for fit in obj.fits:
        loops = loops | fit.loops
    return loops


def all_rows(value: Value) -> frozenset:
    rows = set(value.rows)
    for item in value.items or ():
        rows |= all_rows(item)
    if value.elem is not None:
        rows |= value.elem.rows
    return frozenset(rows)


def materialize(interp, value: Value) -> Value:
    """Data built without a known loader (a list of texts read line by line) gets rows of its
    own when a fit or a cross-validation meets it, the same rows every time."""
    if value.rows or value.node is None or value.kind not in ("container", "tuple", "unknown"):
        return value
    if value.objs and value.kind == "unknown":
        return value  # an object (a model), not data
    source = interp.materialized.get(value.node)
    if source is None:
        source = new_source(interp, value.node, "data of unknown origin")
        interp.materialized[value.node] = source
    return value.with_(rows=frozenset({Part(source)}))


def function_class():
    from leaklint.analysis.interpreter import FunctionDef

    return FunctionDef
