"""What library functions do to rows, by category of the library models (load, split, score, ...)."""
from __future__ import annotations

import libcst as cst

from leaklint.analysis.facts import Fit, Random, Split
from leaklint.analysis.state import Obj
from leaklint.analysis.values import UNKNOWN, Cols, Info, Part, Value, flow, join, join_all
from leaklint.analysis.semantics import calls, common, containers, estimators, frames


def _loader(interp, expr, qual, api, positional, keywords, frame) -> Value:
    path_value = common.arg_value(positional, keywords, 0, "filepath_or_buffer", "path", "fname", "file", "root", "f")
    saved = interp.saved_files.get(common.constant_of(path_value))
    if saved is not None:
        # Written earlier in this program: the same rows, with what shaped them.
        return saved.with_(node=interp.facts.add_node(expr, common.short(interp, expr), inputs=[saved.node]))
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="source")
    role = common.role_from_text(common.constant_of(path_value))
    split_kw = api.get("split_keyword")
    if split_kw and isinstance(common.constant_of(keywords.get(split_kw)), str):
        role = common.role_from_text(common.constant_of(keywords[split_kw]))
    train_kw = api.get("train_keyword")
    if train_kw and train_kw in keywords and isinstance(common.constant_of(keywords[train_kw]), bool):
        role = "train" if keywords[train_kw].const else "test"
    marks = frozenset()
    if "parse_dates" in keywords and common.constant_of(keywords["parse_dates"]) is not False:
        marks = frozenset({("time", node)})
        names = keywords["parse_dates"].items or ()
        interp.date_columns.update(i.const for i in names if isinstance(i.const, str))
    returns = api.get("returns")
    if returns == "split_pairs":
        common.new_source(interp, node, common.short(interp, expr))
        split = interp.facts.add_node(expr, "train/test split shipped with the data set", kind="split")
        interp.facts.splits[split] = Split(split, "holdout", True, False, True, frozenset({Part(node)}), marks,
                                           frozenset(), {"train", "test"})
        data = Value(kind="data", node=node, rows=frozenset({Part(node)}), marks=marks)
        train = common.narrow(interp, data, split, "train", node)
        test = common.narrow(interp, data, split, "test", node)
        return Value(kind="tuple", node=node, items=(Value(kind="tuple", items=(train, train)),
                                                     Value(kind="tuple", items=(test, test))))
    if returns == "dataset_dict" and not (split_kw and split_kw in keywords):
        common.new_source(interp, node, common.short(interp, expr))
        return Value(kind="data", node=node, rows=frozenset({Part(node)}), marks=marks, defn=("dataset_dict", node))
    path = common.constant_of(path_value)
    if isinstance(path, str) and (path, role) in interp.loaded_paths:
        node = interp.loaded_paths[(path, role)]  # the same file loaded twice: the same rows
    else:
        common.new_source(interp, node, common.short(interp, expr), role)
        if isinstance(path, str):
            interp.loaded_paths[(path, role)] = node
    return Value(kind="data", node=node, rows=frozenset({Part(node)}), marks=marks,
                 cols=Cols(frozenset(), False))


def _split(interp, expr, qual, api, positional, keywords, frame) -> Value:
    arrays = list(positional) if api.get("outputs") == "pairs" else positional[:1]
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="split", inputs=[v.node for v in arrays])
    seed = keywords.get(api.get("seed")) if api.get("seed") else None
    if api.get("outputs") == "list" and seed is None and len(positional) > 2:
        seed = positional[2]
    seeded = common.is_seeded(interp, frame, seed, api.get("family"))
    shuffled = api.get("shuffle_default", True)
    if api.get("shuffle") and api.get("shuffle") in keywords and common.constant_of(keywords[api.get("shuffle")]) is False:
        shuffled = False
    rows = frozenset().union(*[v.rows for v in arrays]) if arrays else frozenset()
    marks = frozenset().union(*[v.marks for v in arrays]) if arrays else frozenset()
    loops = frozenset().union(*[v.loops for v in arrays]) | (seed.loops if seed is not None else frozenset())
    interp.facts.splits[node] = Split(node, "holdout", True, shuffled, seeded, rows, marks, loops, {"train", "test"})
    if shuffled:
        interp.facts.randoms.append(Random(node, "split", seeded, node))
    for value in arrays:
        common.use(interp, node, "split", value)
    if api.get("outputs") == "pairs":
        items = []
        for value in arrays:
            items.append(common.narrow(interp, value, node, "train", node).with_(loops=value.loops | loops))
            items.append(common.narrow(interp, value, node, "test", node).with_(loops=value.loops | loops))
        return Value(kind="tuple", node=node, items=tuple(items))
    count = _split_count(interp, api, positional, keywords)
    data = arrays[0] if arrays else UNKNOWN
    sides = ["train"] + ["val"] * (count - 2) + ["test"] if count >= 2 else ["train", "test"]
    items = tuple(common.narrow(interp, data, node, side, node).with_(loops=data.loops | loops) for side in sides)
    return Value(kind="tuple", node=node, items=items, elem=join_all(items))


def _split_count(interp, api, positional, keywords) -> int:
    lengths = positional[1] if len(positional) > 1 else keywords.get("lengths") or keywords.get("indices_or_sections")
    if lengths is not None and lengths.items is not None:
        return len(lengths.items) + (1 if api.get("outputs") == "list" and "numpy" in str(api.options) else 0)
    if lengths is not None and isinstance(lengths.const, int):
        return lengths.const
    return 2


def _cross_validation(interp, expr, qual, api, positional, keywords, frame) -> Value:
    estimator = common.arg_value(positional, keywords, api.get("estimator"), "estimator")
    x = common.arg_value(positional, keywords, api.get("x"), "X", "x", "dtrain", "train_set")
    y = common.arg_value(positional, keywords, api.get("y"), "y")
    x = common.materialize(interp, x) if x is not None else None
    y = common.materialize(interp, y) if y is not None else None
    data = [v for v in (x, y) if v is not None]
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="cv", inputs=[v.node for v in data])
    value = flow(None, *data)
    cv = keywords.get(api.get("cv") or "cv") or keywords.get("folds")
    shuffled, splitter = splitter_of(cv, frame)
    interp.facts.splits[node] = Split(node, "cv", True, shuffled, True, value.rows, value.marks, value.loops,
                                      {"train", "val"}, splitter)
    common.use_features_and_target(interp, node, "cv", x, y)
    if x is not None and y is not None:
        model = min(estimator.objs) if estimator is not None and estimator.objs else node
        interp.facts.fits.append(Fit(node, model, "cv",
                                     value.rows, frozenset(), None, x.cols, x.colsrc, x.rows, y.colsrc, y.cols, value.loops))
    objs = estimator.objs if estimator is not None else frozenset()
    loops = value.loops | (estimator.loops if estimator is not None else frozenset())
    for obj_id in objs:
        obj = frame.state.heap.get(obj_id)
        if obj is not None and obj.init is not None:
            loops = loops | obj.init.loops
    if api.get("returns") == "pred":
        return Value(kind="pred", node=node, rows=frozenset(Part(p.source, p.path + ((node, "val"),)) for p in value.rows),
                     objs=frozenset(), loops=loops)
    score = common.score_event(interp, expr, objs, value.rows, loops, frame, cv=True, inputs=[node])
    return Value(kind="score", node=score, evals=frozenset({score}), loops=loops)


def splitter_of(cv: Value | None, frame):
    """Whether a ``cv=`` argument shuffles, and where that splitter was made."""
    if cv is None:
        return False, None
    for obj_id in cv.objs:
        obj = frame.state.heap.get(obj_id)
        if obj is not None and obj.category == "cv_splitter":
            return bool(obj.kwargs.get("__shuffled__")), obj_id
    return False, None


def _metric(interp, expr, qual, api, positional, keywords, frame) -> Value:
    y_true = common.arg_value(positional, keywords, api.get("y_true", 0), "y_true", "labels_true", "target", "references")
    y_pred = common.arg_value(positional, keywords, api.get("y_pred", 1), "y_pred", "y_score", "y_prob", "probas_pred",
                  "labels_pred", "preds", "predictions", "input")
    values = [v for v in (y_true, y_pred) if v is not None]
    if not values:
        return Value(kind="score")
    preds = [v for v in values if v.kind == "pred"]
    objs = frozenset().union(*[v.objs for v in preds]) if preds else frozenset()
    rows = (preds[0].rows if preds and preds[0].rows else frozenset().union(*[v.rows for v in values]))
    loops = frozenset().union(*[v.loops for v in values])
    if not rows and not objs and not any(v.evals for v in values):
        return Value(kind="score", loops=loops)
    truth = y_true.loops if y_true is not None else frozenset()
    node = common.score_event(interp, expr, objs, rows, loops, frame, inputs=[v.node for v in values], data_loops=truth)
    return Value(kind="score", node=node, evals=frozenset({node}) | frozenset().union(*[v.evals for v in values]), loops=loops)


def _statistic(interp, expr, qual, api, positional, keywords, frame) -> Value:
    data = [v for v in list(positional) + list(keywords.values()) if v.rows]
    if any(v.kind == "pred" for v in data) and api.get("returns") == "summary":
        rows = frozenset().union(*[v.rows for v in data])
        objs = frozenset().union(*[v.objs for v in data])
        loops = frozenset().union(*[v.loops for v in data])
        node = common.score_event(interp, expr, objs, rows, loops, frame, inputs=[v.node for v in data])
        return Value(kind="score", node=node, evals=frozenset({node}), loops=loops)
    if not data:
        inputs = list(positional) + list(keywords.values())
        if any(v.evals for v in inputs):
            return flow(None, *inputs).with_(kind="score", rows=frozenset())
        return flow(None, *inputs)
    # A statistic function returns the data rescaled (the same rows) unless the library model
    # says it returns a summary (np.mean: one number per column).
    return statistic_of(interp, expr, data, keeps_rows=api.get("returns") != "summary")


def statistic_of(interp, expr, data, keeps_rows: bool) -> Value:
    node = interp.facts.add_node(expr, common.short(interp, expr, 60), kind="stat", inputs=[v.node for v in data])
    informed = frozenset(Info(p, node, "stat") for v in data for p in v.rows)
    base = flow(node, *data)
    # A statistic is not a row-wise function of its input columns: it remembers them apart,
    # so that a target mean computed on the training rows is not "computed from the target".
    interp.facts.stat_colsrc[node] = base.colsrc
    result = base.with_(informed=base.informed | informed, colsrc=frozenset())
    if not keeps_rows:
        result = result.with_(rows=frozenset(), kind="unknown", cols=None)
    return result


def _seed(interp, expr, qual, api, positional, keywords, frame) -> Value:
    family = api.get("family", "numpy")
    value = common.arg_value(positional, keywords, 0, "seed")
    if value is not None and common.constant_of(value) is None:
        return Value(kind="const")
    frame.state.seeds = frame.state.seeds | {family}
    if value is not None and value.loops:
        interp.facts.seed_loops.update(value.loops)
    return Value(kind="const")


def _rng(interp, expr, qual, api, positional, keywords, frame) -> Value:
    seed = common.arg_value(positional, keywords, 0, "seed", "x")
    seeded = seed is not None and common.constant_of(seed) is not None
    if seed is not None and seed.loops:
        interp.facts.seed_loops.update(seed.loops)
    return Value(kind="rng", const="seeded" if seeded else "unseeded", loops=seed.loops if seed is not None else frozenset())


RANDOM_DATA = frozenset({"choice", "standard_normal", "normal", "rand", "randn", "random", "uniform", "integers",
                          "randint", "random_sample", "binomial", "poisson", "exponential", "multivariate_normal",
                          "beta", "gamma", "lognormal", "multinomial", "dirichlet", "laplace", "standard_t"})


def synthetic_source(interp, expr) -> Value:
    """Random numbers drawn as data (``rng.standard_normal((n, d))``): a data set of its own."""
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="source")
    common.new_source(interp, node, common.short(interp, expr))
    return Value(kind="data", node=node, rows=frozenset({Part(node)}), cols=Cols(frozenset(), False))


def shuffle_rows(interp, expr, qual, api, positional, keywords, frame, rng: Value | None = None) -> Value:
    if qual.endswith("choice") and rng is None:
        if common.constant_of(keywords.get("replace")) is not False:
            return synthetic_source(interp, expr)
        return random_subset(interp, expr, common.is_seeded(interp, frame, None, api.get("family") if api else "numpy"))
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="shuffle", inputs=[v.node for v in positional])
    if rng is not None:
        seeded = rng.const == "seeded"
    else:
        seeded = common.is_seeded(interp, frame, keywords.get(api.get("seed")) if api.get("seed") else None, api.get("family"))
    interp.facts.randoms.append(Random(node, "shuffle", seeded, None))
    mark = ("shuffle", node)
    if not positional:
        return Value(kind="index", node=node, marks=frozenset({mark}))
    results = []
    for value in positional:
        kind = value.kind if value.rows or value.kind == "container" else "index"
        results.append(value.with_(node=node, marks=value.marks | {mark}, kind=kind, items=None))
    if len(results) > 1 and api.get("seed"):
        return Value(kind="tuple", items=tuple(results), node=node)
    leaf = qual.rsplit(".", 1)[-1]
    if leaf == "shuffle" and isinstance(expr.args[0].value if expr.args else None, cst.Name):
        interp.bind(expr.args[0].value, results[0], frame, expr)  # in place
    return results[0]


def random_subset(interp, expr, seeded: bool) -> Value:
    """``rng.choice(n, size=k, replace=False)``: indices of a random subset of the rows."""
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="sample")
    interp.facts.splits[node] = Split(node, "holdout", False, True, seeded, frozenset(), frozenset(), frozenset())
    interp.facts.splits[node].sides.add("test")
    interp.facts.randoms.append(Random(node, "sample", seeded, node))
    return Value(kind="index", node=node, selector=frozenset({(node, "test")}))


def concatenate(interp, expr, qual, api, positional, keywords, frame) -> Value:
    parts = []
    first = positional[0] if positional else None
    if first is not None and first.items:
        parts = list(first.items)
    elif first is not None and first.elem is not None and not first.rows:
        parts = [first.elem]  # frames appended to a list in a loop
    else:
        parts = list(positional)
    axis = keywords.get("axis")
    if axis is not None and common.constant_of(axis) in (1, "columns"):
        result = flow(None, *parts).with_(cols=None)
        return result.with_(node=interp.facts.add_node(expr, common.short(interp, expr), inputs=[v.node for v in parts]))
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="concat", inputs=[v.node for v in parts])
    result = flow(node, *parts)
    keys = keywords.get("keys")
    labels = [i.const for i in keys.items] if keys is not None and keys.items is not None else [None] * len(parts)
    if len(labels) == len(parts) and len({p for v in parts for p in v.rows}) == sum(len(v.rows) for v in parts):
        # Remember the pieces so that `both.loc["train"]` or `both[:n_train]` can take them apart again.
        interp.concat_pieces[result.rows] = tuple((label, v.rows) for label, v in zip(labels, parts))
    duplicated = _duplicated_rows(parts)
    if duplicated:
        interp.facts.resamples[node] = "rows duplicated"
        result = result.with_(informed=result.informed | frozenset(Info(p, node, "resample") for p in duplicated))
    cols = parts[0].cols if parts and all(v.cols == parts[0].cols for v in parts) else None
    return result.with_(cols=cols, colsrc=frozenset().union(*[v.colsrc for v in parts]) if parts else frozenset())


def _duplicated_rows(parts) -> set:
    """Rows present twice in a concatenation (``concat([df, df[df.y == 1]])``)."""
    found = set()
    for i, a in enumerate(parts):
        for b in parts[i + 1:]:
            for pa in a.rows:
                for pb in b.rows:
                    if pa.contains(pb):
                        found.add(pa)
                    elif pb.contains(pa):
                        found.add(pb)
    return found


def _select(interp, expr, qual, api, positional, keywords, frame) -> Value:
    inputs = list(positional) + list(keywords.values())
    inputs = [common.with_content(interp, v, frame) for v in inputs]
    evals = frozenset().union(*[v.evals for v in inputs]) if inputs else frozenset()
    keyfunc = keywords.get("key")
    if keyfunc is not None and keyfunc.defn is not None and positional:
        scored = calls.call_value(interp, expr, keyfunc, [containers.element_of(interp, positional[0])], {}, frame)
        evals |= scored.evals
    result = flow(None, *inputs)
    scored = [v for v in positional if v.evals]
    several = len(scored) > 1 or any(v.kind in ("container", "tuple") or v.elem is not None or v.loops for v in scored)
    if evals and several:
        node = common.select_event(interp, expr, evals, result.loops, inputs=[v.node for v in inputs])
        return result.with_(node=node, marks=result.marks | {("select", node)}, kind="score")
    if positional and positional[0].elem is not None:
        return join(result, positional[0].elem)
    return result


def time_marker(interp, expr, qual, api, positional, keywords, frame) -> Value:
    result = flow(None, *positional, *keywords.values())
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="time", inputs=[v.node for v in positional])
    return result.with_(node=node, marks=result.marks | {("time", node), ("datetime", node)}, colsrc=result.colsrc)


def _meta(interp, expr, qual, api, positional, keywords, frame) -> Value:
    return Value(kind="const")


def _resample_function(interp, expr, qual, api, positional, keywords, frame) -> Value:
    replace = keywords.get("replace")
    if replace is not None and common.constant_of(replace) is False:
        return calls.unknown_call(interp, expr, positional, keywords)
    return resample_rows(interp, expr, positional, "resample")


def resample_rows(interp, expr, arrays, how: str) -> Value:
    node = interp.facts.add_node(expr, common.short(interp, expr, 50, "resample "), kind="resample",
                                 inputs=[v.node for v in arrays])
    interp.facts.resamples[node] = common.short(interp, expr)
    results = []
    for value in arrays:
        informed = frozenset(Info(p, node, "resample") for p in value.rows)
        results.append(value.with_(node=node, informed=value.informed | informed, items=None))
    if len(results) == 1:
        return results[0]
    return Value(kind="tuple", node=node, items=tuple(results))


def _train_function(interp, expr, qual, api, positional, keywords, frame) -> Value:
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="object")
    obj = Obj(node, qual, "model")
    frame.state.put(obj)
    model = Value(kind="object", node=node, objs=frozenset({node}))
    data = common.arg_value(positional, keywords, api.get("data"), api.get("data_keyword") or "dtrain")
    estimators.record_fit(interp, expr, model, obj, [data] if data is not None else [], keywords, frame, node=node)
    return model


def _subset(interp, expr, qual, api, positional, keywords, frame) -> Value:
    if len(positional) < 2:
        return calls.unknown_call(interp, expr, positional, keywords)
    base, index = positional[0], positional[1]
    if index.selector:
        result = frames.apply_selector(interp, base, index)
    else:
        result = base.with_(marks=base.marks | index.marks)
    return result.with_(node=interp.facts.add_node(expr, common.short(interp, expr), inputs=[base.node, index.node]))


CONSTRUCTED = ("transformer", "stateless", "label", "model", "pipeline", "search", "resampler", "cv_splitter",
                "trainer", "study", "argparser")


def construct(interp, expr, qual, api, positional, keywords, frame) -> Value:
    node = interp.allocation(expr, common.short(interp, expr), [v.node for v in list(positional) + list(keywords.values())])
    category = api.kind
    obj = Obj(node, qual, category, init=flow(None, *positional, *keywords.values()), kwargs=dict(keywords))
    if category == "pipeline":
        obj.category = _pipeline_category(interp, positional, frame)
    if category == "search":
        estimator = common.arg_value(positional, keywords, api.get("estimator", 0), "estimator")
        if estimator is not None:
            obj.attrs["__estimator__"] = estimator
    if category == "cv_splitter":
        shuffled = api.get("shuffle_default", False)
        if api.get("shuffle") and api.get("shuffle") in keywords:
            shuffled = common.constant_of(keywords[api.get("shuffle")]) is not False
        obj.kwargs["__shuffled__"] = shuffled
        obj.kwargs["__time__"] = bool(api.get("time_ordered"))
        seed = keywords.get(api.get("seed")) if api.get("seed") else None
        if shuffled:
            seeded = common.is_seeded(interp, frame, seed, api.get("family"))
            interp.facts.randoms.append(Random(node, "cv", seeded, None))
    for value in keywords.values():
        if value.loops and category in ("model", "pipeline", "search", "transformer"):
            pass
    if "random_state" in keywords or "seed" in keywords or "random_seed" in keywords:
        seed = keywords.get("random_state") or keywords.get("seed") or keywords.get("random_seed")
        if seed is not None and seed.loops:
            interp.facts.seed_loops.update(seed.loops)
    frame.state.put(obj)
    loops = obj.init.loops if obj.init is not None else frozenset()
    return Value(kind="object", node=node, objs=frozenset({node}), qual=qual, loops=loops)


def _pipeline_category(interp, positional, frame) -> str:
    steps = []
    for value in positional:
        if value.items is not None:
            for item in value.items:
                steps.append(item.items[-1] if item.items else item)
        else:
            steps.append(value)
    if not steps:
        return "pipeline"
    last = steps[-1]
    categories = {frame.state.heap[o].category for o in last.objs if o in frame.state.heap}
    if categories and categories <= {"transformer", "stateless", "label"}:
        return "transformer"
    return "pipeline"


def _saver(interp, expr, qual, api, positional, keywords, frame) -> Value:
    data, path = common.arg_value(positional, keywords, api.get("data", 0), "obj", "value", "arr", "X"), \
        common.arg_value(positional, keywords, api.get("path", 1), "f", "filename", "fname", "file", "path")
    if qual.startswith("numpy."):
        path, data = data, path  # np.save(file, arr)
    save(interp, path, data)
    return Value(kind="const")


def save(interp, path: Value | None, data: Value | None) -> None:
    """Remember what was written to a constant path, for a later load of the same file."""
    if path is not None and data is not None and isinstance(path.const, str) and (data.rows or data.informed):
        interp.saved_files[path.const] = data


def _passthrough(interp, expr, qual, api, positional, keywords, frame) -> Value:
    wrapped = [v for v in positional[:1] if v.objs and not v.rows and v.kind == "object"]
    if wrapped:
        return wrapped[0]  # DataLoader(dataset) iterates like the dataset it wraps
    first = positional[0] if positional else None
    if first is not None and first.kind == "container" and not first.rows and _holds_records(first):
        # np.array(images) of images read one by one: the data set the program built.
        positional = [common.materialize(interp, first)] + list(positional[1:])
    return calls.unknown_call(interp, expr, positional, keywords)


def _holds_records(container: Value) -> bool:
    """A list filled with objects read from somewhere (not numbers, not scores)."""
    content = container.elem
    return content is not None and content.kind in ("unknown", "object") and not content.evals


LIBRARY_HANDLERS = {
    "passthrough": _passthrough,
    "saver": _saver,
    "loader": _loader,
    "split": _split,
    "cross_validation": _cross_validation,
    "metric": _metric,
    "statistic": _statistic,
    "seed": _seed,
    "rng": _rng,
    "shuffle": shuffle_rows,
    "concat": concatenate,
    "select": _select,
    "time": time_marker,
    "meta": _meta,
    "resample": _resample_function,
    "train_function": _train_function,
    "subset": _subset,
}
