"""Methods of estimators and other objects: fit, transform, predict, score, and their kin."""
from __future__ import annotations

from leaklint.analysis.facts import Fit, Split, Use
from leaklint.analysis.state import FitRecord, Obj
from leaklint.analysis.values import UNKNOWN, Info, Value, flow, join, join_all
from leaklint.analysis.semantics import calls, common, containers, data_methods, library_calls


def method_call(interp, expr, func, base: Value, method: str, positional, keywords, frame) -> Value:
    role = interp.lib.estimator_methods.get(method)
    if base.kind == "rng":
        if method == "manual_seed":
            return base.with_(const="seeded")
        if method in ("permutation", "shuffle"):
            return library_calls.shuffle_rows(interp, expr, method, None, positional, keywords, frame, rng=base)
        if method == "choice" and common.constant_of(keywords.get("replace")) is False:
            return library_calls.random_subset(interp, expr, base.const == "seeded")
        if method in library_calls.RANDOM_DATA:
            return library_calls.synthetic_source(interp, expr)
        return Value(kind="const")
    if base.objs and base.kind not in ("data", "pred", "container", "tuple", "score") and (role is not None or not base.rows):
        return estimator_method(interp, expr, base, method, role, positional, keywords, frame)
    if base.kind == "container" or (base.objs and base.kind == "container"):
        return container_method(interp, expr, func, base, method, positional, keywords, frame)
    if base.kind == "pred" and method == "backward":
        return _backward(interp, expr, base, frame)
    if base.rows or base.kind in ("pred", "index"):
        if role in ("predict", "score") and base.kind == "data":
            # A value that came out of an unknown training function and is asked to predict:
            # a model fitted on the rows it was made from.
            return _implicit_model(interp, expr, base, method, role, positional, keywords, frame)
        return data_methods.data_method(interp, expr, func, base, method, positional, keywords, frame)
    if base.evals:
        return score_method(interp, expr, base, method, positional, keywords, frame)
    if base.informed or base.loops or base.marks:
        # A summary (``df.corr()["y"].drop("y")``) keeps what shaped it.
        return flow(interp.facts.add_node(expr, common.short(interp, expr), inputs=[base.node]), base, *positional)
    return calls.unknown_call(interp, expr, positional, keywords)


def score_method(interp, expr, base, method, positional, keywords, frame):
    if method in interp.lib.data_methods.get("select", ()):
        node = common.select_event(interp, expr, base.evals, base.loops, inputs=[base.node])
        return base.with_(node=node, marks=base.marks | {("select", node)})
    return flow(None, base, *positional)


def container_method(interp, expr, func, base: Value, method: str, positional, keywords, frame) -> Value:
    if method in ("append", "add", "extend", "insert", "update", "appendleft", "setdefault", "put"):
        added = join_all(positional + list(keywords.values()))
        if method == "extend" or method == "update":
            added = containers.element_of(interp, added) if method == "extend" else added
        for obj_id in base.objs:
            obj = frame.state.writable(obj_id)
            if obj is not None:
                obj.content = join(obj.content, added)
        return Value(kind="const")
    if method in ("items",):
        return Value(kind="tuple", elem=Value(kind="tuple", items=(Value(kind="const"), containers.element_of(interp, base))),
                     evals=base.evals, loops=base.loops)
    if method in ("values", "copy"):
        return base if method == "copy" else Value(kind="tuple", elem=containers.element_of(interp, base), evals=base.evals, loops=base.loops)
    if method in ("get", "pop", "__getitem__"):
        return containers.element_of(interp, base)
    if method in ("index",) and base.evals:
        return score_method(interp, expr, base, "argmax", positional, keywords, frame)
    if base.evals and method in interp.lib.data_methods.get("select", ()):
        return score_method(interp, expr, base, method, positional, keywords, frame)
    return flow(None, base, *positional)


def _implicit_model(interp, expr, base, method, role, positional, keywords, frame) -> Value:
    node = base.node if base.node is not None else interp.facts.add_node(expr, "model", kind="object")
    obj = frame.state.heap.get(node)
    if obj is None:
        obj = Obj(node, None, "model", fits=frozenset({FitRecord(node, base.rows, base.informed, base.loops)}))
        frame.state.put(obj)
    model = Value(kind="object", node=node, objs=frozenset({node}), loops=base.loops)
    return estimator_method(interp, expr, model, method, role, positional, keywords, frame)


def _backward(interp, expr, loss: Value, frame) -> Value:
    """``loss.backward()`` trains the model whose predictions the loss compares."""
    for obj_id in loss.objs:
        obj = interp.heap_obj(frame, obj_id, "model")
        node = interp.facts.add_node(expr, common.short(interp, expr, 60, "train on "), kind="fit", inputs=[loss.node])
        record = FitRecord(node, loss.rows, loss.informed, loss.loops)
        obj.fits = obj.fits | {record}
        interp.facts.uses.append(Use(node, "fit", loss.rows, loss.informed))
        interp.facts.fits.append(Fit(node, obj_id, obj.category, loss.rows, frozenset(), None, None, frozenset(),
                                     loss.rows, frozenset(), None, loss.loops))
    return Value(kind="const")


def estimator_method(interp, expr, base: Value, method: str, role, positional, keywords, frame) -> Value:
    results = []
    for obj_id in sorted(base.objs):
        obj = interp.heap_obj(frame, obj_id)
        results.append(_estimator_method_on(interp, expr, base, obj, method, role, positional, keywords, frame))
    return join_all(results)


def _estimator_method_on(interp, expr, base, obj: Obj, method, role, positional, keywords, frame) -> Value:
    model = Value(kind="object", node=base.node, objs=frozenset({obj.id}), loops=base.loops | common.obj_loops(obj))
    if obj.category == "study" and method == "optimize":
        return _optimize(interp, expr, positional, keywords, frame)
    if obj.category == "argparser":
        return _argparser_method(interp, obj, model, method, positional, keywords)
    if obj.category == "trainer":
        return _trainer_method(interp, expr, model, obj, method, positional, keywords, frame)
    if obj.category == "cv_splitter" and method in ("split", "get_n_splits"):
        return _cv_split(interp, expr, obj, positional, keywords, frame) if method == "split" else Value(kind="const")
    if role is None:
        if method == "manual_seed":
            return Value(kind="rng", const="seeded")
        return model if method in ("compile", "set_params", "add", "to", "cuda", "cpu", "train", "eval") else flow(None, *positional, *keywords.values())
    if role == "fit":
        if obj.category == "unknown" and not positional and not keywords:
            return model
        record_fit(interp, expr, model, obj, positional[:2], keywords, frame, partial=(method == "partial_fit"))
        return model
    if role == "fit_transform":
        record = record_fit(interp, expr, model, obj, positional[:2], keywords, frame)
        return _transform(interp, expr, obj, positional[:1], frame, record_fits=frozenset({record}))
    if role == "fit_predict":
        record = record_fit(interp, expr, model, obj, positional[:2], keywords, frame)
        if obj.category in ("transformer",):
            return _transform(interp, expr, obj, positional[:1], frame, record_fits=frozenset({record}))
        return _predict(interp, expr, model, obj, positional[:1], frame)
    if role == "fit_resample":
        node_before = interp.facts.graph.number_of_nodes()
        del node_before
        return library_calls.resample_rows(interp, expr, positional[:2], "resample")
    if role == "transform":
        if obj.category in common.MODEL_LIKE and obj.category not in ("pipeline", "unknown", "instance") and obj.category != "transformer":
            return _predict(interp, expr, model, obj, positional[:1], frame)
        return _transform(interp, expr, obj, positional[:1], frame)
    if role == "predict":
        return _predict(interp, expr, model, obj, positional[:1] or list(keywords.values())[:1], frame)
    if role == "score":
        data = [v for v in positional[:2] + [keywords.get(k) for k in ("X", "x", "y") if k in keywords] if v is not None]
        value = flow(None, *data)
        node = interp.facts.add_node(expr, common.short(interp, expr), kind="predict", inputs=[v.node for v in data])
        common.use_features_and_target(interp, node, "score", common.arg_value(positional, keywords, 0, "X", "x"),
                                 common.arg_value(positional, keywords, 1, "y"))
        score = common.score_event(interp, expr, frozenset({obj.id}), value.rows, value.loops | model.loops, frame, inputs=[node],
                            data_loops=value.loops)
        return Value(kind="score", node=score, evals=frozenset({score}), loops=value.loops | model.loops)
    if role == "split":
        return _cv_split(interp, expr, obj, positional, keywords, frame)
    return flow(None, *positional)


def record_fit(interp, expr, model: Value, obj: Obj, data, keywords, frame, partial: bool = False, node: int | None = None) -> FitRecord:
    data = [v for v in data if v is not None]
    x = common.materialize(interp, data[0] if data else (keywords.get("X") or keywords.get("x") or UNKNOWN))
    y = common.materialize(interp, data[1] if len(data) > 1 else (keywords.get("y") or UNKNOWN))
    value = flow(None, x, y)
    if node is None:
        node = interp.facts.add_node(expr, common.short(interp, expr, 60), kind="fit", inputs=[x.node, y.node, model.node])
    eval_rows, eval_node = frozenset(), None
    for keyword in interp.lib.eval_keywords:
        if keyword in keywords:
            held = common.all_rows(keywords[keyword])
            if held:
                eval_rows = eval_rows | held
                eval_node = node
                interp.facts.link(keywords[keyword].node, node)
    loops = value.loops | model.loops | common.obj_loops(obj)
    record = FitRecord(node, value.rows, value.informed, loops)
    obj.fits = (obj.fits | {record}) if partial else frozenset({record})
    common.use_features_and_target(interp, node, "fit", x, y)
    if obj.category == "search":
        shuffled, splitter = library_calls.splitter_of(obj.kwargs.get("cv"), frame)
        interp.facts.splits[node] = Split(node, "cv", True, shuffled, True, value.rows, value.marks,
                                          value.loops, {"train", "val"}, splitter)
        common.use_features_and_target(interp, node, "cv", x, y)
    interp.facts.fits.append(Fit(node, obj.id, obj.category, value.rows, eval_rows, eval_node, x.cols, x.colsrc,
                                 x.rows, y.colsrc, y.cols, loops))
    return record


def _transform(interp, expr, obj: Obj, data, frame, record_fits=None) -> Value:
    x = common.materialize(interp, data[0] if data else UNKNOWN)
    fits = record_fits if record_fits is not None else obj.fits
    node = interp.facts.add_node(expr, common.short(interp, expr, 50, ""), kind="transform",
                                 inputs=[x.node] + [f.node for f in fits])
    informed = x.informed
    if obj.category == "label":
        informed = informed | frozenset(Info(p, f.node, "label") for f in fits for p in f.rows)
    elif obj.category != "stateless":
        informed = informed | frozenset(Info(p, f.node, "transform") for f in fits for p in f.rows)
        informed = informed | frozenset(i for f in fits for i in f.informed)
    return x.with_(node=node, informed=informed, cols=None, items=None, fields=None, kind="data" if x.rows else x.kind,
                   loops=x.loops | common.obj_loops(obj))


def _predict(interp, expr, model: Value, obj: Obj, data, frame) -> Value:
    x = data[0] if data else UNKNOWN
    node = interp.facts.add_node(expr, common.short(interp, expr, 50, ""), kind="predict",
                                 inputs=[x.node] + [f.node for f in obj.fits])
    common.use(interp, node, "predict", x)
    informed = x.informed | frozenset(Info(p, f.node, "model") for f in obj.fits for p in f.rows)
    informed = informed | frozenset(i for f in obj.fits for i in f.informed if i.how != "model")
    return Value(kind="pred", node=node, rows=x.rows, informed=informed, objs=frozenset({obj.id}),
                 loops=x.loops | model.loops, marks=x.marks)


def _cv_split(interp, expr, obj: Obj, positional, keywords, frame) -> Value:
    data = [v for v in positional[:3] if v is not None and v.rows]
    value = flow(None, *data) if data else UNKNOWN
    node = interp.facts.add_node(expr, common.short(interp, expr), kind="split", inputs=[v.node for v in data])
    shuffled = bool(obj.kwargs.get("__shuffled__"))
    interp.facts.splits[node] = Split(node, "cv", True, shuffled, True, value.rows, value.marks,
                                      value.loops, {"train", "val"}, obj.id)
    common.use(interp, node, "cv", value)
    train = Value(kind="index", node=node, selector=frozenset({(node, "train")}))
    held = Value(kind="index", node=node, selector=frozenset({(node, "val")}))
    return Value(kind="tuple", node=node, elem=Value(kind="tuple", items=(train, held)))


def _argparser_method(interp, obj: Obj, parser: Value, method: str, positional, keywords) -> Value:
    """`args.seed` is the default of `--seed`, as in a plain run of the script."""
    if method == "add_argument":
        names = [v.const for v in positional if isinstance(v.const, str)]
        dest = common.constant_of(keywords.get("dest"))
        if not isinstance(dest, str):
            longs = [n for n in names if n.startswith("--")]
            dest = (longs[0] if longs else names[0] if names else "").lstrip("-").replace("-", "_")
        if dest:
            obj.attrs[dest] = keywords.get("default", Value(kind="const", const=None))
        return Value(kind="const")
    if method in ("parse_args", "parse_known_args"):
        node = obj.id + 0
        namespace = Value(kind="object", node=node, objs=frozenset({obj.id}))
        if method == "parse_known_args":
            return Value(kind="tuple", items=(namespace, Value(kind="const")))
        return namespace
    if method in ("add_argument_group", "add_mutually_exclusive_group", "add_subparsers", "set_defaults"):
        return parser
    return Value(kind="const")


def _optimize(interp, expr, positional, keywords, frame) -> Value:
    objective = common.arg_value(positional, keywords, 0, "func")
    if objective is None or objective.defn is None:
        return Value(kind="const")
    trial = Value(kind="unknown")
    result = calls.call_value(interp, expr, objective, [trial], {}, frame)
    if result.evals:
        common.select_event(interp, expr, result.evals, result.loops)
    return Value(kind="const")


def _trainer_method(interp, expr, model: Value, obj: Obj, method, positional, keywords, frame) -> Value:
    train = obj.kwargs.get(interp.lib.lookup(obj.qual).get("train_keyword", "train_dataset")) if obj.qual else None
    evaluation = obj.kwargs.get(interp.lib.lookup(obj.qual).get("eval_keyword", "eval_dataset")) if obj.qual else None
    if method == "train":
        kwargs = {}
        if evaluation is not None:
            kwargs["eval_dataset"] = evaluation
        record_node = interp.facts.add_node(expr, common.short(interp, expr, 50, "fit "), kind="fit")
        record_fit(interp, expr, model, obj, [train] if train is not None else [], kwargs, frame, node=record_node)
        if evaluation is not None and common.all_rows(evaluation):
            # The eval set was handed over where the trainer was built: that line is the one to change.
            fit = interp.facts.fits[-1]
            interp.facts.fits[-1] = fit._replace(eval_node=obj.id)
        return Value(kind="unknown")
    if method == "evaluate":
        data = common.arg_value(positional, keywords, 0, "eval_dataset") or evaluation or UNKNOWN
        score = common.score_event(interp, expr, frozenset({obj.id}), data.rows, data.loops, frame, data_loops=data.loops)
        return Value(kind="score", node=score, evals=frozenset({score}))
    if method == "predict":
        # Trainer.predict also computes the metrics of a labelled data set: it scores it.
        data = positional[0] if positional else keywords.get("test_dataset", UNKNOWN)
        common.score_event(interp, expr, frozenset({obj.id}), data.rows, data.loops, frame, data_loops=data.loops)
        return _predict(interp, expr, model, obj, positional[:1], frame)
    return Value(kind="unknown")
