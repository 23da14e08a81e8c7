"""Interpret a module in execution order and record what flows where.

One pass over the statements, the way the program runs: an environment maps names (and
attribute paths) to abstract values, branches are interpreted on copies and joined, loop
bodies twice so values from one iteration reach the next, and user functions are
interpreted at each call with the abstract arguments (bounded depth). Library calls are
looked up in the library models and handled by ``leaklint.analysis.semantics``.
"""
from __future__ import annotations

import builtins
import time
from dataclasses import dataclass, field

import libcst as cst

from leaklint.analysis import semantics
from leaklint.analysis.facts import Facts
from leaklint.analysis.state import Obj, State
from leaklint.analysis.values import NO_CONST, UNKNOWN, Cols, Value, flow, join, join_all

# Node classes are told apart by identity, ``type(node) is cst.Assign``, where the engine
# asks often: every libcst class has ABCMeta as its metaclass, so an isinstance() that fails
# runs ABCMeta.__instancecheck__ in Python (a library of 300 files asks over a million
# times). Identity is the same test only for a class without subclasses:
# tests/test_node_kinds.py checks that libcst has none for each class compared so.
_TRY_STAR = getattr(cst, "TryStar", cst.Try)  # older libcst versions have no TryStar

MAX_CALL_DEPTH = 4
_FIT_METHODS = frozenset({"fit", "fit_transform", "partial_fit", "fit_predict", "fit_resample"})
MAX_UNROLLED = 12  # a loop over at most this many known column names runs once per name
MAX_INTERPRETATIONS = 12  # of one function per file: enough for every distinct role of its arguments
LOOP_PASSES = 2
_BUILTIN_NAMES = frozenset(dir(builtins))


class BudgetExceeded(Exception):
    """The per-file analysis budget ran out."""


@dataclass
class FunctionDef:
    node: cst.FunctionDef | cst.Lambda
    name: str
    closure: dict | None  # enclosing function's locals, None at module level
    owner: object = None  # ClassDef payload for methods
    foreign: bool = False  # defined in another file of the run


@dataclass
class ClassDef:
    node: cst.ClassDef
    name: str
    methods: dict  # name -> FunctionDef
    bases: list  # Values of the base classes
    attrs: dict = field(default_factory=dict)  # class-level assignments


@dataclass
class Frame:
    state: State
    globals: dict | None  # module env when this is a function frame
    closure: dict | None = None
    returns: Value | None = None
    function: FunctionDef | None = None

    @property
    def is_module(self) -> bool:
        return self.globals is None


def interpret_module(path: str, module: cst.Module, context) -> Facts:
    interpreter = Interpreter(path, module, context)
    interpreter.run()
    return interpreter.facts


class Interpreter:
    def __init__(self, path: str, module: cst.Module, context) -> None:
        self.path = path
        self.module = module
        self.context = context
        self.lib = context.library
        self.project = context.project
        self.facts = Facts(path=path, module=module)
        self.loops: list[int] = []  # ids of the loops being interpreted, innermost last
        self.depth = 0
        self.called: set[int] = set()  # id() of function defs interpreted at a call
        self.defined: list[FunctionDef] = []
        self.implicit_splits: dict = {}  # key of a slice bound / mask -> split node
        self.dict_sources: dict = {}  # (loader node, key) -> source node
        self.imported_modules: dict = {}  # module name -> env of an analysed project module
        self.date_columns: set = set()  # columns this program parses as dates
        self.fraction_slices: dict = {}
        self.mask_pairs: dict = {}  # (column code, rows) -> [(side, split)] of range masks  # sources -> [(fraction, side, split)] of positional slices
        self.concat_pieces: dict = {}
        self.container_sources: dict = {}  # container object -> source made when it is split
        self.loaded_paths: dict = {}
        self.saved_files: dict = {}  # constant path -> the value written there
        self.materialized: dict = {}  # node of data of unknown origin -> its source  # (constant path, role) -> source node
        self.allocations: dict = {}
        self.pending_call = None
        self.interpretations: dict = {}
        self.star_modules: list = []  # library modules imported with *
        self.in_condition = False  # evaluating the test of an if/while  # id() of a function node -> times interpreted  # the call expression being made into user code  # id() of a constructor call -> its object's node  # rows of a concatenation -> ((key, rows of each piece), ...)
        self.deadline = time.monotonic() + getattr(context, "budget_seconds", 20.0)
        self.steps = 0

    # ------------------------------------------------------------------ driver
    def run(self) -> None:
        frame = Frame(State(env={}, heap={}), globals=None)
        try:
            self.exec_block(self.module.body, frame)
            # Functions nobody calls (library-style modules, notebooks that define helpers)
            # are still checked once, with parameters of unknown origin.
            for function in list(self.defined):
                if id(function.node) not in self.called:
                    self.call_function(function, [], {}, frame, standalone=True)
        except BudgetExceeded:
            self.facts.budget_exceeded = True
        except RecursionError:
            self.facts.budget_exceeded = True

    def loop_passes(self) -> int:
        # A second pass carries values from one iteration to the next; nested loops are
        # already run twice by their enclosing loop.
        return LOOP_PASSES if len(self.loops) <= 1 else 1

    def tick(self) -> None:
        self.steps += 1
        if self.steps % 256 == 0 and time.monotonic() > self.deadline:
            raise BudgetExceeded

    # ------------------------------------------------------------------ statements
    def exec_block(self, body, frame: Frame) -> None:
        for stmt in body:
            self.exec_stmt(stmt, frame)

    def exec_suite(self, suite, frame: Frame) -> None:
        if isinstance(suite, cst.IndentedBlock):
            self.exec_block(suite.body, frame)
        elif isinstance(suite, cst.SimpleStatementSuite):
            for small in suite.body:
                self.exec_small(small, frame)

    def exec_stmt(self, stmt, frame: Frame) -> None:
        self.tick()
        if type(stmt) is cst.SimpleStatementLine:
            for small in stmt.body:
                self.exec_small(small, frame)
            return
        outer = self.facts.statement
        self.facts.statement = stmt
        try:
            self._exec_compound(stmt, frame)
        finally:
            self.facts.statement = outer

    def _exec_compound(self, stmt, frame: Frame) -> None:
        kind = type(stmt)
        if kind is cst.SimpleStatementLine:
            for small in stmt.body:
                self.exec_small(small, frame)
        elif kind is cst.If:
            self.exec_if(stmt, frame)
        elif kind is cst.For:
            self.exec_for(stmt, frame)
        elif kind is cst.While:
            self.exec_while(stmt, frame)
        elif kind is cst.With:
            for item in stmt.items:
                value = self.eval(item.item, frame)
                if item.asname is not None:
                    self.bind(item.asname.name, value, frame, item.item)
            self.exec_suite(stmt.body, frame)
        elif kind is cst.Try or kind is _TRY_STAR:
            self.exec_try(stmt, frame)
        elif kind is cst.FunctionDef:
            function = FunctionDef(stmt, stmt.name.value, None if frame.is_module else frame.state.env)
            self.defined.append(function)
            frame.state.env[stmt.name.value] = Value(kind="func", defn=function)
        elif kind is cst.ClassDef:
            self.exec_class(stmt, frame)
        elif kind is cst.Match:
            subject = self.eval(stmt.subject, frame)
            branches = []
            for case in stmt.cases:
                branch = self.fork(frame)
                self.bind_pattern(case.pattern, subject, branch)
                self.exec_suite(case.body, branch)
                branches.append(branch.state)
            self.merge(frame, branches, keep_current=True)

    def exec_small(self, small, frame: Frame) -> None:
        outer = self.facts.statement
        self.facts.statement = small
        try:
            self._exec_small(small, frame)
        finally:
            self.facts.statement = outer

    def _exec_small(self, small, frame: Frame) -> None:
        kind = type(small)
        if kind is cst.Assign:
            value = self.eval(small.value, frame)
            for target in small.targets:
                self.bind(target.target, value, frame, small.value)
        elif kind is cst.AnnAssign:
            if small.value is not None:
                self.bind(small.target, self.eval(small.value, frame), frame, small.value)
        elif kind is cst.AugAssign:
            current = self.eval(small.target, frame)
            value = self.eval(small.value, frame)
            self.bind(small.target, semantics.combine(self, small, [current, value], frame), frame, small.value)
        elif kind is cst.Expr:
            self.eval(small.value, frame)
        elif kind is cst.Return:
            if small.value is not None:
                frame.returns = join(frame.returns, self.eval(small.value, frame))
        elif kind is cst.Import:
            for alias in small.names:
                self.exec_import(alias, frame)
        elif kind is cst.ImportFrom:
            self.exec_import_from(small, frame)
        elif kind is cst.Del:
            self.exec_del(small.target, frame)
        elif kind is cst.Raise or kind is cst.Assert:
            for child in (getattr(small, "exc", None), getattr(small, "test", None)):
                if child is not None:
                    self.eval(child, frame)

    def eval_condition(self, expr, frame: Frame) -> Value:
        """The test of an `if`/`while`: a comparison there decides something."""
        outer = self.in_condition
        self.in_condition = True
        try:
            return self.eval(expr, frame)
        finally:
            self.in_condition = outer

    def exec_if(self, stmt: cst.If, frame: Frame) -> None:
        test = self.eval_condition(stmt.test, frame)
        semantics.check_selection_in_if(self, stmt, test, frame)
        if isinstance(test.const, bool) or (test.kind == "const" and test.const is None):
            # A test known here (``if fit:`` in a helper called with fit=False) takes one branch.
            if test.const:
                self.exec_suite(stmt.body, frame)
            elif type(stmt.orelse) is cst.If:
                self.exec_if(stmt.orelse, frame)
            elif stmt.orelse is not None:
                self.exec_suite(stmt.orelse.body, frame)
            return
        then = self.fork(frame)
        self.exec_suite(stmt.body, then)
        branches = [then.state]
        if stmt.orelse is not None:
            other = self.fork(frame)
            if type(stmt.orelse) is cst.If:
                self.exec_if(stmt.orelse, other)
            else:
                self.exec_suite(stmt.orelse.body, other)
            branches.append(other.state)
            self.merge(frame, branches, keep_current=False)
        else:
            self.merge(frame, branches, keep_current=True)
        frame.returns = join(frame.returns, then.returns) if then.returns is not None else frame.returns

    def exec_for(self, stmt: cst.For, frame: Frame) -> None:
        iterable = self.eval(stmt.iter, frame)
        loop = self.facts.add_node(stmt, "loop", kind="loop", inputs=[iterable.node])
        element = semantics.element_of(self, iterable, frame)
        element = element.with_(loops=element.loops | {loop})
        self.loops.append(loop)
        try:
            names = self.known_names(iterable)
            if names is not None:
                # `for col in ["a", "b"]: df[col + "_ctr"] = ...`: one pass per known name, so
                # that the columns it makes are known by name.
                for name in names:
                    self.bind(stmt.target, name.with_(loops=name.loops | {loop}), frame, stmt.iter)
                    self.exec_suite(stmt.body, frame)
            else:
                before = frame.state.copy()
                for _ in range(self.loop_passes()):
                    self.bind(stmt.target, element, frame, stmt.iter)
                    self.exec_suite(stmt.body, frame)
                    frame.state.join_from(before)
        finally:
            self.loops.pop()
        if stmt.orelse is not None:
            self.exec_suite(stmt.orelse.body, frame)

    def known_names(self, iterable: Value) -> list | None:
        """The items of a short literal list of strings, outside other loops."""
        items = iterable.items
        if items is None or not 0 < len(items) <= MAX_UNROLLED or len(self.loops) > 1:
            return None
        if not all(isinstance(item.const, str) for item in items):
            return None
        return list(items)

    def exec_while(self, stmt: cst.While, frame: Frame) -> None:
        loop = self.facts.add_node(stmt, "loop", kind="loop")
        self.loops.append(loop)
        try:
            before = frame.state.copy()
            for _ in range(self.loop_passes()):
                test = self.eval_condition(stmt.test, frame)
                semantics.check_selection_in_if(self, stmt, test, frame)
                self.exec_suite(stmt.body, frame)
                frame.state.join_from(before)
        finally:
            self.loops.pop()

    def exec_try(self, stmt, frame: Frame) -> None:
        self.exec_suite(stmt.body, frame)
        branches = []
        for handler in stmt.handlers:
            branch = self.fork(frame)
            if handler.name is not None:
                self.bind(handler.name.name, UNKNOWN, branch, handler)
            self.exec_suite(handler.body, branch)
            branches.append(branch.state)
        if branches:
            self.merge(frame, branches, keep_current=True)
        if stmt.orelse is not None:
            self.exec_suite(stmt.orelse.body, frame)
        if stmt.finalbody is not None:
            self.exec_suite(stmt.finalbody.body, frame)

    def exec_class(self, stmt: cst.ClassDef, frame: Frame) -> None:
        bases = [self.eval(arg.value, frame) for arg in stmt.bases]
        klass = ClassDef(stmt, stmt.name.value, {}, bases)
        body = stmt.body.body if isinstance(stmt.body, cst.IndentedBlock) else []
        for item in body:
            if type(item) is cst.FunctionDef:
                method = FunctionDef(item, item.name.value, None if frame.is_module else frame.state.env, owner=klass)
                klass.methods[item.name.value] = method
                self.defined.append(method)
            elif type(item) is cst.SimpleStatementLine:
                for small in item.body:
                    if type(small) is cst.Assign:
                        value = self.eval(small.value, frame)
                        for target in small.targets:
                            if type(target.target) is cst.Name:
                                klass.attrs[target.target.value] = value
        frame.state.env[stmt.name.value] = Value(kind="class", defn=klass, qual=None)

    def exec_del(self, target, frame: Frame) -> None:
        if isinstance(target, cst.Name):
            frame.state.env.pop(target.value, None)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self.exec_del(element.value, frame)

    # ------------------------------------------------------------------ imports
    def exec_import(self, alias: cst.ImportAlias, frame: Frame) -> None:
        name = _dotted(alias.name)
        if name is None:
            return
        if alias.asname is not None:
            local = alias.asname.name.value
            frame.state.env[local] = self.module_value(name)
        else:
            top = name.split(".")[0]
            frame.state.env[top] = self.module_value(top)

    def exec_import_from(self, stmt: cst.ImportFrom, frame: Frame) -> None:
        base = _dotted(stmt.module) if stmt.module is not None else ""
        dots = len(stmt.relative)
        if type(stmt.names) is cst.ImportStar:
            env = self.project_module_env(base, dots)
            if env:
                frame.state.env.update({k: v for k, v in env.items() if not k.startswith("_")})
            elif base:
                self.star_modules.append(base)  # `from sklearn.preprocessing import *`
            return
        for alias in stmt.names:
            name = _dotted(alias.name)
            local = alias.asname.name.value if alias.asname is not None else name
            env = self.project_module_env(base, dots)
            if env is not None and name in env:
                frame.state.env[local] = env[name]
            elif env is not None:
                frame.state.env[local] = UNKNOWN
            else:
                frame.state.env[local] = self.module_value(f"{base}.{name}" if base else name)

    def module_value(self, qualname: str) -> Value:
        return Value(kind="module", qual=qualname)

    def project_module_env(self, name: str, dots: int) -> dict | None:
        """Globals of a module of the same run (cross-file analysis), or None."""
        if self.project is None or self.depth >= MAX_CALL_DEPTH:
            return None
        found = self.project.resolve(self.path, name, dots)
        if found is None:
            return None
        key = str(found)
        if key in self.imported_modules:
            return self.imported_modules[key]
        self.imported_modules[key] = {}  # guards import cycles
        module = self.project.parse(found)
        if module is None:
            return None
        frame = Frame(State(env={}, heap={}), globals=None)
        self.depth += 1
        try:
            # Findings inside the imported module belong to that file; it is checked on its
            # own. Here it only provides definitions whose effects show at our call sites.
            self.exec_definitions(module.body, frame)
        finally:
            self.depth -= 1
        self.imported_modules[key] = frame.state.env
        return frame.state.env

    def exec_definitions(self, body, frame: Frame) -> None:
        for stmt in body:
            kind = type(stmt)
            if kind is cst.FunctionDef:
                function = FunctionDef(stmt, stmt.name.value, None, foreign=True)
                self.called.add(id(stmt))  # never checked standalone from this file
                frame.state.env[stmt.name.value] = Value(kind="func", defn=function)
            elif kind is cst.ClassDef:
                self.exec_class(stmt, frame)
                klass = frame.state.env[stmt.name.value].defn
                for method in klass.methods.values():
                    method.foreign = True
                    self.called.add(id(method.node))
            elif kind is cst.SimpleStatementLine:
                for small in stmt.body:
                    if type(small) in (cst.Import, cst.ImportFrom):
                        self.exec_small(small, frame)
                    elif type(small) is cst.Assign and type(small.value) in (cst.Integer, cst.Float, cst.SimpleString):
                        self.exec_small(small, frame)

    # ------------------------------------------------------------------ binding
    def bind(self, target, value: Value, frame: Frame, origin) -> None:
        kind = type(target)
        if kind is cst.Name:
            node = self.facts.add_node(target, target.value, inputs=[value.node])
            frame.state.env[target.value] = value.with_(node=node)
        elif kind is cst.Tuple or kind is cst.List:
            self.bind_sequence(target.elements, value, frame, origin)
        elif kind is cst.Attribute:
            self.bind_attribute(target, value, frame)
        elif kind is cst.Subscript:
            semantics.store_subscript(self, target, value, frame)
        elif kind is cst.StarredElement:
            self.bind(target.value, value, frame, origin)

    def bind_sequence(self, elements, value: Value, frame: Frame, origin) -> None:
        targets = [e.value for e in elements]
        starred = [i for i, e in enumerate(elements) if type(e) is cst.StarredElement]
        items = semantics.unpack(self, value, len(targets), origin)
        if starred:
            items = None if value.items is None else value.items
        for i, target in enumerate(targets):
            if items is not None and len(items) == len(targets) and not starred:
                item = items[i]
                if value.loops - item.loops:
                    item = item.with_(loops=item.loops | value.loops)  # unpacked inside a loop
            else:
                item = semantics.element_of(self, value, frame)
            self.bind(target, item, frame, origin)

    def bind_attribute(self, target: cst.Attribute, value: Value, frame: Frame) -> None:
        base = self.eval(target.value, frame)
        attr = target.attr.value
        if base.rows and not base.objs:
            semantics.store_column(self, target, target.value, base, attr, value, frame)  # df.age = ...
            return
        stored = False
        for obj_id in base.objs:
            obj = self.heap_obj(frame, obj_id)
            node = self.facts.add_node(target, attr, inputs=[value.node])
            obj.attrs[attr] = value.with_(node=node)
            stored = True
        if not stored:
            key = _dotted(target)
            if key is not None:
                frame.state.env[key] = value

    def bind_pattern(self, pattern, subject: Value, frame: Frame) -> None:
        if isinstance(pattern, cst.MatchAs) and pattern.name is not None:
            self.bind(pattern.name, subject, frame, pattern)

    def fork(self, frame: Frame) -> Frame:
        return Frame(frame.state.copy(), frame.globals, frame.closure, None, frame.function)

    def merge(self, frame: Frame, branches: list, keep_current: bool) -> None:
        if keep_current:
            for branch in branches:
                frame.state.join_from(branch)
            return
        merged = branches[0]
        for branch in branches[1:]:
            merged.join_from(branch)
        frame.state = merged

    def heap_obj(self, frame: Frame, obj_id: int, category: str = "unknown") -> Obj:
        """The object to change in place (created on first use for objects of unknown origin)."""
        obj = frame.state.writable(obj_id)
        if obj is None:
            obj = Obj(obj_id, None, category)
            frame.state.put(obj)
        return obj

    # ------------------------------------------------------------------ names
    def lookup(self, name: str, frame: Frame) -> Value:
        value = self._lookup(name, frame)
        if value.kind == "container":
            return semantics.with_content(self, value, frame)
        return value

    def _lookup(self, name: str, frame: Frame) -> Value:
        env = frame.state.env
        if name in env:
            return env[name]
        if frame.closure is not None and name in frame.closure:
            return frame.closure[name]
        if frame.globals is not None and name in frame.globals:
            return frame.globals[name]
        if name in _BUILTIN_NAMES:
            return Value(kind="func", qual=f"builtins.{name}")
        if self.star_modules:
            # A name listed exactly in one module beats a module-wide pattern of another.
            for module in self.star_modules:
                if f"{module}.{name}" in self.lib.exact:
                    return self.module_value(f"{module}.{name}")
            for module in self.star_modules:
                if self.lib.lookup(f"{module}.{name}") is not None:
                    return self.module_value(f"{module}.{name}")
        return UNKNOWN

    # ------------------------------------------------------------------ expressions
    def eval(self, expr, frame: Frame) -> Value:
        self.tick()
        # One look-up of the node's class instead of a chain of isinstance calls (libcst
        # nodes are ABCs: every failed isinstance goes through ABCMeta); ``_eval_class``
        # maps a class to the first class of this chain it is an instance of.
        kind = _EVAL_CLASS.get(type(expr)) or _eval_class(type(expr))
        if kind is cst.Name:
            if expr.value in ("None", "True", "False"):
                return Value(kind="const", const={"None": None, "True": True, "False": False}[expr.value])
            return self.lookup(expr.value, frame)
        if kind is cst.Attribute:
            return semantics.attribute(self, expr, self.eval(expr.value, frame), frame)
        if kind is cst.Call:
            return semantics.call(self, expr, frame)
        if kind is cst.Subscript:
            return semantics.subscript(self, expr, frame)
        if kind is cst.Integer:
            return Value(kind="const", const=_literal_number(expr.value, int))
        if kind is cst.Float:
            return Value(kind="const", const=_literal_number(expr.value, float))
        if kind is cst.SimpleString:
            return Value(kind="const", const=_string_value(expr))
        if kind is cst.ConcatenatedString:
            return Value(kind="const")
        if kind is cst.FormattedString:
            return self.eval_fstring(expr, frame)
        if kind in (cst.Tuple, cst.List, cst.Set):
            return semantics.sequence(self, expr, [self.eval_element(e, frame) for e in expr.elements], frame)
        if kind is cst.Dict:
            return semantics.dict_literal(self, expr, frame)
        if kind is cst.BinaryOperation:
            return semantics.combine(self, expr, [self.eval(expr.left, frame), self.eval(expr.right, frame)], frame)
        if kind is cst.UnaryOperation:
            return semantics.unary(self, expr, self.eval(expr.expression, frame))
        if kind is cst.BooleanOperation:
            return semantics.combine(self, expr, [self.eval(expr.left, frame), self.eval(expr.right, frame)], frame)
        if kind is cst.Comparison:
            return semantics.compare(self, expr, frame)
        if kind is cst.IfExp:
            test = self.eval(expr.test, frame)
            del test
            return join(self.eval(expr.body, frame), self.eval(expr.orelse, frame))
        if kind is cst.Lambda:
            function = FunctionDef(expr, "<lambda>", None if frame.is_module else frame.state.env)
            return Value(kind="func", defn=function)
        if kind in (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp):
            return semantics.comprehension(self, expr, frame)
        if kind is cst.NamedExpr:
            value = self.eval(expr.value, frame)
            self.bind(expr.target, value, frame, expr.value)
            return value
        if kind is cst.Await:
            return self.eval(expr.expression, frame)
        if kind is cst.Yield:
            if expr.value is not None and isinstance(expr.value, cst.BaseExpression):
                value = self.eval(expr.value, frame)
                frame.returns = join(frame.returns, value)
            return UNKNOWN
        if kind is cst.StarredElement:
            return self.eval(expr.value, frame)
        if kind is cst.Ellipsis:
            return Value(kind="const")
        return UNKNOWN

    def eval_fstring(self, expr: cst.FormattedString, frame: Frame) -> Value:
        """An f-string; its text when every part is known (`f"{root}/{split}/X.txt"`)."""
        text, values = [], []
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringText):
                text.append(part.value)
            else:
                value = self.eval(part.expression, frame)
                values.append(value)
                known = value.const if isinstance(value.const, (str, int)) and part.format_spec is None else NO_CONST
                text.append(str(known) if known is not NO_CONST else None)
        result = flow(None, *values, kind="const") if values else Value(kind="const")
        if all(piece is not None for piece in text):
            result = result.with_(const="".join(text))
        return result

    def eval_element(self, element, frame: Frame) -> Value:
        if type(element) is cst.StarredElement:
            return self.eval(element.value, frame).with_(items=None)
        return self.eval(element.value, frame)

    # ------------------------------------------------------------------ calls into user code
    def call_function(self, function: FunctionDef, args: list, kwargs: dict, caller: Frame,
                      standalone: bool = False, self_value: Value | None = None) -> Value:
        node = function.node
        count = self.interpretations.get(id(node), 0)
        if self.depth >= MAX_CALL_DEPTH or count >= MAX_INTERPRETATIONS:
            return flow(None, *args, *kwargs.values())
        self.interpretations[id(node)] = count + 1
        self.called.add(id(node))
        # Code of another file, and a user estimator's own fit: findings inside are reported at
        # the call here (`clipper.fit_transform(X)` is the line to change, as for a library
        # transformer).
        fitting = function.owner is not None and function.name in _FIT_METHODS
        outermost = (function.foreign or fitting) and self.facts.anchor is None
        if outermost:
            self.facts.anchor = (self.pending_call, self.facts.statement, fitting)
        globals_env = caller.state.env if caller.is_module else caller.globals
        state = State(env={}, heap=caller.state.heap, seeds=caller.state.seeds)
        frame = Frame(state, globals=globals_env, closure=function.closure, function=function)
        params = node.params
        positional = list(params.posonly_params) + list(params.params)
        values = list(args)
        if self_value is not None:
            values.insert(0, self_value)
        for i, param in enumerate(positional):
            name = param.name.value
            if i < len(values):
                value = values[i]
            elif name in kwargs:
                value = kwargs.pop(name)
            elif param.default is not None:
                value = self.eval(param.default, caller)
            elif standalone:
                value = semantics.parameter_source(self, param)
            else:
                value = UNKNOWN
            state.env[name] = value
        for param in params.kwonly_params:
            name = param.name.value
            if name in kwargs:
                state.env[name] = kwargs.pop(name)
            elif param.default is not None:
                state.env[name] = self.eval(param.default, caller)
            else:
                state.env[name] = semantics.parameter_source(self, param) if standalone else UNKNOWN
        if type(params.star_arg) is cst.Param:
            rest = values[len(positional):]
            state.env[params.star_arg.name.value] = semantics.sequence(self, None, rest, frame)
        if params.star_kwarg is not None:
            state.env[params.star_kwarg.name.value] = join_all(kwargs.values())
        self.depth += 1
        in_condition, self.in_condition = self.in_condition, False
        try:
            if type(node) is cst.Lambda:
                result = self.eval(node.body, frame)
            else:
                self.exec_suite(node.body, frame)
                result = frame.returns if frame.returns is not None else Value(kind="const", const=None)
        finally:
            self.depth -= 1
            self.in_condition = in_condition
            if outermost:
                self.facts.anchor = None
        caller.state.heap = frame.state.heap
        caller.state.seeds = caller.state.seeds | frame.state.seeds
        return result

    def allocation(self, expr, note: str, inputs) -> int:
        """One object per place in the code that makes it: a loop's second pass refits the
        same estimator, it does not make a second candidate."""
        node = self.allocations.get(id(expr))
        if node is None:
            node = self.facts.add_node(expr, note, kind="object", inputs=inputs)
            self.allocations[id(expr)] = node
        else:
            for source in inputs:
                self.facts.link(source, node)
        return node

    def instantiate(self, klass: ClassDef, call: cst.Call, args: list, kwargs: dict, frame: Frame) -> Value:
        node = self.allocation(call, f"{klass.name}()", [a.node for a in args])
        obj = Obj(node, None, "instance", defn=klass, init=flow(None, *args, *kwargs.values()))
        frame.state.put(obj)
        instance = Value(kind="object", node=node, objs=frozenset({node}))
        init = self.find_method(klass, "__init__")
        if init is not None:
            self.call_function(init, args, dict(kwargs), frame, self_value=instance)
        else:
            library_base = self.library_base(klass)
            if library_base is not None:
                obj.qual = library_base.qual
                obj.category = semantics.category_of(self, library_base.qual)
        return instance

    def find_method(self, klass: ClassDef, name: str, seen=None) -> FunctionDef | None:
        if name in klass.methods:
            return klass.methods[name]
        seen = seen or set()
        seen.add(id(klass))
        for base in klass.bases:
            if isinstance(base.defn, ClassDef) and id(base.defn) not in seen:
                found = self.find_method(base.defn, name, seen)
                if found is not None:
                    return found
        return None

    def library_base(self, klass: ClassDef) -> Value | None:
        for base in klass.bases:
            if base.qual and self.lib.lookup(base.qual) is not None:
                return base
            if isinstance(base.defn, ClassDef):
                found = self.library_base(base.defn)
                if found is not None:
                    return found
        return None


def _dotted(node) -> str | None:
    if type(node) is cst.Name:
        return node.value
    if type(node) is cst.Attribute:
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr.value}"
    return None


def _literal_number(text: str, kind):
    try:
        return kind(text.replace("_", ""))
    except ValueError:
        return NO_CONST


def _string_value(node: cst.SimpleString):
    text = node.value
    if "\\" not in text and text[0] in "\"'":  # a plain literal: its text between the quotes
        quote = 3 if text[:3] in ('"""', "'''") and len(text) >= 6 else 1
        return text[quote:-quote]
    try:
        value = node.evaluated_value
    except Exception:  # noqa: BLE001 - odd prefixes; the literal is simply unknown
        return NO_CONST
    return value if isinstance(value, str) else NO_CONST


# The expression classes ``Interpreter.eval`` tells apart, in the order it tests them (a
# branch added there for another class needs the class here too).
_EVAL_ORDER = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.Integer, cst.Float, cst.SimpleString,
               cst.ConcatenatedString, cst.FormattedString, cst.Tuple, cst.List, cst.Set, cst.Dict,
               cst.BinaryOperation, cst.UnaryOperation, cst.BooleanOperation, cst.Comparison, cst.IfExp, cst.Lambda,
               cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp, cst.NamedExpr, cst.Await, cst.Yield,
               cst.StarredElement, cst.Ellipsis)
_EVAL_CLASS: dict = {}


def _eval_class(cls: type) -> type:
    """The first class of ``_EVAL_ORDER`` that ``cls`` is a subclass of (``object`` if none)."""
    found = next((known for known in _EVAL_ORDER if issubclass(cls, known)), object)
    _EVAL_CLASS[cls] = found
    return found


__all__ = ["interpret_module", "Interpreter", "FunctionDef", "ClassDef", "Frame", "Cols"]
