"""Row hashing that does not depend on where a row came from.

A row must hash the same whether it sits in a training frame, a test frame, a numpy
array handed to ``predict`` or a list: the runtime hooks compare rows seen at different
moments, in different containers. So every column is reduced to a *canonical* uint64
hash that depends only on the cell values, never on the column's dtype or on the other
rows:

* numbers (bool, int, float, nullable, Python numbers in object columns) hash as the
  float64 they equal, so ``1``, ``1.0`` and ``True`` collide on purpose (Python says they
  are equal); integers too large for an exact float keep their own hash;
* every missing value (NaN, None, NA, NaT) hashes to the same ``NULL_HASH``;
* strings hash through pandas (object, ``str`` and categorical columns agree);
* dates hash as UTC nanoseconds, salted so a date never equals a number;
* anything else (lists, dicts, arrays in cells: unhashable for pandas) hashes through a
  canonical text form.

A hash match is only a *candidate*: :func:`cells_equal` and :func:`rows_equal` compare the
real values before anything is reported, so a collision can never produce a finding.
Column hashes are combined in column order (callers align columns first).
"""
from __future__ import annotations

import hashlib
import math
import numbers
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd

# pandas hashes a missing object value to 2**64 - 1; we use that value for every kind of
# missing cell so NaN in a float column equals None in an object column.
NULL_HASH = np.uint64(2**64 - 1)
_EXACT_INT = 2**53
# Salts keep values of different natures apart (a date is never the number of its ns).
_SALT_BIGINT = np.uint64(0x9E3779B97F4A7C15)
_SALT_DATETIME = np.uint64(0xC2B2AE3D27D4EB4F)
_SALT_DATETIME_TZ = np.uint64(0x165667B19E3779F9)
_SALT_TIMEDELTA = np.uint64(0x27D4EB2F165667C5)
_SALT_SPARSE = np.uint64(0x85EBCA77C2B2AE63)
_PANDAS_FOLDS_ZERO = bool(pd.util.hash_array(np.array([-0.0]))[0] == pd.util.hash_array(np.array([0.0]))[0])
_CANON_PREFIX = "\x1f"  # marks canonical text of non-string objects; never in real text


class UnsupportedInput(TypeError):
    """The object cannot be read as rows without side effects (e.g. a generator)."""


# --------------------------------------------------------------------------- inputs


def is_sparse(obj) -> bool:
    """True for scipy.sparse matrices and arrays, without importing scipy."""
    return type(obj).__module__.startswith("scipy.sparse") and hasattr(obj, "tocsr")


def as_frame(data) -> pd.DataFrame:
    """Read ``data`` as a DataFrame without copying numeric columns where possible.

    Accepts DataFrames, Series, numpy arrays (1-D, 2-D; higher dimensions are flattened
    per row), lists and tuples (of scalars, of rows, or of dicts) and CPU torch tensors.
    Never iterates a generator or any object it does not know: that could consume it.
    """
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, pd.Series):
        return data.to_frame(name=data.name if data.name is not None else 0)
    if isinstance(data, pd.Index):
        return pd.DataFrame({0: data}, index=None)
    data = _tensor_to_numpy(data)
    if isinstance(data, np.ndarray):
        if data.ndim == 0:
            raise UnsupportedInput("a scalar is not a set of rows")
        if data.ndim == 1:
            return pd.DataFrame({0: data}, copy=False)
        if data.ndim > 2:
            data = data.reshape(len(data), -1)
        return pd.DataFrame(data, copy=False)
    if isinstance(data, (list, tuple)):
        if len(data) == 0:
            return pd.DataFrame(index=pd.RangeIndex(0))
        first = data[0]
        if isinstance(first, dict):
            return pd.DataFrame.from_records(list(data))
        if isinstance(first, (list, tuple, np.ndarray)) and _same_lengths(data):
            return pd.DataFrame([list(r) for r in data])
        return pd.DataFrame({0: pd.Series(list(data), dtype=object if _mixed(data) else None)})
    raise UnsupportedInput(f"cannot read rows from {type(data).__name__}")


def _same_lengths(rows: Sequence) -> bool:
    try:
        lengths = {len(r) for r in rows}
    except TypeError:
        return False
    return len(lengths) == 1 and all(isinstance(r, (list, tuple, np.ndarray)) for r in rows)


def _mixed(values: Sequence) -> bool:
    """Whether a list mixes kinds pandas would coerce (keep them as objects instead)."""
    kinds = {type(v) for v in values if v is not None}
    return len(kinds) > 1 or any(isinstance(v, (list, dict, set, tuple)) for v in values)


def _tensor_to_numpy(data):
    mod = type(data).__module__
    if mod.startswith("torch") and hasattr(data, "detach") and hasattr(data, "numpy"):
        t = data.detach()
        if getattr(t, "device", None) is not None and t.device.type != "cpu":
            raise UnsupportedInput("tensor not on the CPU (copying it would change timing)")
        return t.numpy()
    return data


def n_rows(data) -> int:
    if isinstance(data, (pd.DataFrame, pd.Series, np.ndarray, list, tuple, pd.Index)):
        return len(data)
    if is_sparse(data):
        return data.shape[0]
    return len(as_frame(data))


# ---------------------------------------------------------------------- column hashes


def column_hash(col) -> np.ndarray:
    """Canonical uint64 hash of every cell of one column (a Series or a 1-D array)."""
    if not isinstance(col, pd.Series):
        col = pd.Series(np.asarray(col) if not isinstance(col, (list, tuple)) else list(col))
    dtype = col.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        cats = column_hash(pd.Series(col.cat.categories))
        codes = col.cat.codes.to_numpy()
        out = cats[np.where(codes < 0, 0, codes)] if len(cats) else np.zeros(len(col), np.uint64)
        out[codes < 0] = NULL_HASH
        return out
    if isinstance(dtype, np.dtype):
        if dtype.kind in "biuf":
            return _numeric_hash(col.to_numpy())
        if dtype.kind == "c":
            return _complex_hash(col.to_numpy())
        if dtype.kind in "mM":
            return _datetime_hash(col)
        if dtype.kind == "O":
            return _object_hash(col.to_numpy())
        return _object_hash(col.to_numpy(dtype=object))
    if isinstance(dtype, pd.DatetimeTZDtype):
        return _datetime_hash(col)
    if isinstance(dtype, pd.StringDtype):
        return pd.util.hash_pandas_object(col, index=False).to_numpy()
    if pd.api.types.is_numeric_dtype(dtype) and getattr(dtype, "numpy_dtype", None) is not None:
        # nullable Int64 / Float64 / boolean: hash the values, then mark the holes
        mask = col.isna().to_numpy()
        npd = dtype.numpy_dtype
        filled = col.fillna(0 if npd.kind != "b" else False).to_numpy(dtype=npd)
        out = _numeric_hash(filled)
        out[mask] = NULL_HASH
        return out
    return _object_hash(col.to_numpy(dtype=object))


def _numeric_hash(a: np.ndarray) -> np.ndarray:
    """Hash numbers by the float64 they equal; exact ints beyond 2**53 keep their bits."""
    if a.dtype.kind in "iu":
        f = a.astype(np.float64)
        big = (a > _EXACT_INT) if a.dtype.kind == "u" else ((a > _EXACT_INT) | (a < -_EXACT_INT))
        out = pd.util.hash_array(f)
        if big.any():
            out[big] = _bigint_hash(a[big], f[big])
        return out
    f = a if a.dtype == np.float64 else a.astype(np.float64)
    if not _PANDAS_FOLDS_ZERO:
        f = f + 0.0  # pandas < 3 hashes -0.0 apart from 0.0; adding 0.0 turns -0.0 into 0.0
    out = pd.util.hash_array(f)  # NaN payloads are folded into NULL_HASH below
    nan = np.isnan(f)
    if nan.any():
        out[nan] = NULL_HASH
    return out


def _bigint_hash(ints: np.ndarray, floats: np.ndarray) -> np.ndarray:
    """Large ints equal to their float keep the float hash, others hash their own bits."""
    with np.errstate(invalid="ignore", over="ignore"):
        fits = np.abs(floats) < 2.0**63
        back = np.where(fits, floats, 0).astype(ints.dtype)
    exact = fits & (back == ints)
    out = pd.util.hash_array(ints.astype(np.uint64) if ints.dtype.kind == "u" else ints) ^ _SALT_BIGINT
    if exact.any():
        out[exact] = pd.util.hash_array(floats[exact])
    return out


def _complex_hash(a: np.ndarray) -> np.ndarray:
    real, imag = a.real.astype(np.float64), a.imag.astype(np.float64)
    out = _numeric_hash(real)
    nonreal = imag != 0
    if nonreal.any():
        out[nonreal] = out[nonreal] ^ (_numeric_hash(imag[nonreal]) * np.uint64(23))
    return out


def _datetime_hash(col: pd.Series) -> np.ndarray:
    dtype = col.dtype
    salt = _SALT_DATETIME
    try:
        if isinstance(dtype, pd.DatetimeTZDtype):
            col = col.dt.tz_convert("UTC").dt.tz_localize(None)
            salt = _SALT_DATETIME_TZ
        elif dtype.kind == "m":
            salt = _SALT_TIMEDELTA
        unit = "timedelta64[ns]" if dtype.kind == "m" else "datetime64[ns]"
        ints = col.to_numpy().astype(unit).view(np.int64)
    except (OverflowError, ValueError, pd.errors.OutOfBoundsDatetime):
        return _object_hash(col.to_numpy(dtype=object))
    out = pd.util.hash_array(ints) ^ salt
    out[ints == np.iinfo(np.int64).min] = NULL_HASH
    return out


def _object_hash(values: np.ndarray) -> np.ndarray:
    """Hash an object column cell by cell, routing each cell to the hash of its nature."""
    n = len(values)
    if n == 0:
        return np.zeros(0, np.uint64)
    inferred = pd.api.types.infer_dtype(values, skipna=True)
    if inferred in ("string", "empty"):
        return pd.util.hash_array(values)  # nulls hash to NULL_HASH here already
    out = np.empty(n, np.uint64)
    num_pos, num_val, text_pos, text_val = [], [], [], []
    for i, v in enumerate(values):
        if _is_null(v):
            out[i] = NULL_HASH
        elif isinstance(v, str):
            text_pos.append(i)
            text_val.append(v)
        elif isinstance(v, (bool, np.bool_, float, np.floating)) or (
            isinstance(v, (int, np.integer)) and -(2**63) <= v < 2**63
        ):
            num_pos.append(i)
            num_val.append(v)
        else:
            text_pos.append(i)
            text_val.append(_CANON_PREFIX + canonical_text(v))
    if num_pos:
        nums = np.array(num_val, dtype=object)
        if all(isinstance(v, (int, np.integer, bool, np.bool_)) for v in num_val):
            arr = nums.astype(np.int64)
        else:
            arr = _floats_with_exact_ints(num_val)
        out[np.array(num_pos)] = _numeric_hash(arr) if arr.dtype != object else _mixed_num_hash(num_val)
    if text_pos:
        out[np.array(text_pos)] = pd.util.hash_array(np.array(text_val, dtype=object))
    return out


def _floats_with_exact_ints(vals: list) -> np.ndarray:
    """A float64 array, unless an int would lose precision (then object: hash per cell)."""
    for v in vals:
        if isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) and abs(int(v)) > _EXACT_INT:
            return np.array(vals, dtype=object)
    return np.array(vals, dtype=np.float64)


def _mixed_num_hash(vals: list) -> np.ndarray:
    out = np.empty(len(vals), np.uint64)
    for i, v in enumerate(vals):
        if isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)):
            out[i] = _numeric_hash(np.array([int(v)], dtype=np.int64))[0]
        else:
            out[i] = _numeric_hash(np.array([v], dtype=np.float64))[0]
    return out


def _is_null(v) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, (float, np.floating)):
        return math.isnan(v)
    if isinstance(v, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(v))
    return False


def canonical_text(v) -> str:
    """A deterministic text form of any cell value (used for hashing unhashable cells)."""
    if _is_null(v):
        return "null"
    if isinstance(v, str):
        return repr(v)
    if isinstance(v, (bool, np.bool_, int, np.integer, float, np.floating)):
        f = float(v)
        return repr(f) if (not isinstance(v, (int, np.integer)) or f == v) else repr(int(v))
    if isinstance(v, (bytes, bytearray)):
        return "b:" + bytes(v).hex()
    if isinstance(v, np.ndarray):
        return "[" + ",".join(canonical_text(x) for x in v.tolist()) + "]"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(canonical_text(x) for x in v) + "]"
    if isinstance(v, dict):
        items = sorted(canonical_text(k) + ":" + canonical_text(x) for k, x in v.items())
        return "{" + ",".join(items) + "}"
    if isinstance(v, (set, frozenset)):
        return "set{" + ",".join(sorted(canonical_text(x) for x in v)) + "}"
    if isinstance(v, pd.Timestamp) or hasattr(v, "isoformat"):
        return "t:" + v.isoformat()
    if isinstance(v, numbers.Number):
        try:
            f = float(v)
            if f == v:
                return repr(f)
        except (TypeError, ValueError, OverflowError):
            pass
        return "n:" + str(v)
    return f"{type(v).__module__}.{type(v).__qualname__}:{v!r}"


# ------------------------------------------------------------------------- row hashes


def combine(column_hashes, n: int, k: int | None = None) -> np.ndarray:
    """Mix per-column hashes into one row hash; the column order matters.

    ``column_hashes`` may be a generator (then give ``k``, the number of columns): each
    column's hash is dropped once mixed, so only two arrays of ``n`` live at a time.
    """
    out = np.full(n, 0x345678, dtype=np.uint64)
    mult = np.uint64(1000003)
    k = len(column_hashes) if k is None else k
    for i, h in enumerate(column_hashes):
        out ^= h
        out *= mult
        mult += np.uint64(82520 + 2 * (k - i))
    out += np.uint64(97531)
    return out


def row_hashes(data, columns: list | None = None) -> np.ndarray:
    """One canonical uint64 per row of ``data`` (any input :func:`as_frame` reads)."""
    if is_sparse(data):
        return sparse_row_hashes(data)
    data = _tensor_to_numpy(data)
    if isinstance(data, np.ndarray) and data.ndim >= 2 and data.dtype.kind in "biuf":
        flat = data.reshape(len(data), -1)
        return combine((_numeric_hash(flat[:, j]) for j in range(flat.shape[1])), len(flat), flat.shape[1])
    frame = as_frame(data)
    cols = list(frame.columns) if columns is None else columns
    return combine((column_hash(_column(frame, c)) for c in cols), len(frame), len(cols))


def _column(frame: pd.DataFrame, name) -> pd.Series:
    col = frame[name]
    if isinstance(col, pd.DataFrame):  # duplicated column names: take the first
        col = col.iloc[:, 0]
    return col


def sparse_row_hashes(matrix) -> np.ndarray:
    """Hash rows of a sparse matrix; order of stored entries and explicit zeros ignored."""
    csr = matrix.tocsr()
    n = csr.shape[0]
    data = np.asarray(csr.data)
    keep = data != 0
    rows = np.repeat(np.arange(n), np.diff(csr.indptr))[keep]
    elem = _numeric_hash(data[keep].astype(np.float64)) * np.uint64(0x100000001B3)
    elem += pd.util.hash_array(csr.indices[keep].astype(np.int64))
    elem = pd.util.hash_array(elem)
    out = np.zeros(n, np.uint64)
    np.add.at(out, rows, elem)
    return pd.util.hash_array(out ^ _SALT_SPARSE ^ np.uint64(csr.shape[1]))


def fingerprint(hashes: np.ndarray, *, ordered: bool = False) -> str:
    """Stable identity of a multiset (or, ``ordered``, a sequence) of row hashes.

    sha256 over little-endian uint64s: the same rows give the same fingerprint on any
    machine and in any process (Python's ``hash()`` is salted per process: never used).
    """
    h = np.asarray(hashes, dtype=np.uint64)
    if not ordered:
        h = np.sort(h)
    digest = hashlib.sha256(h.astype("<u8", copy=False).tobytes())
    digest.update(b"o" if ordered else b"s")
    return digest.hexdigest()[:32]


# ------------------------------------------------------------------ value comparison


def cells_equal(a, b) -> bool:
    """Python equality with missing == missing, safe for arrays and unhashable cells."""
    na, nb = _is_null(a), _is_null(b)
    if na or nb:
        return na and nb
    try:
        eq = a == b
        if isinstance(eq, (bool, np.bool_)):
            return bool(eq)
    except Exception:  # noqa: BLE001 - comparing exotic objects may raise anything
        pass
    return canonical_text(a) == canonical_text(b)


def column_values_equal(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Element-wise :func:`cells_equal` of two aligned columns, vectorised when possible."""
    av, bv = _comparable(a), _comparable(b)
    if av.dtype.kind in "biuf" and bv.dtype.kind in "biuf":
        if av.dtype.kind in "iu" and bv.dtype.kind in "iu":
            return av == bv
        af, bf = av.astype(np.float64), bv.astype(np.float64)
        return (af == bf) | (np.isnan(af) & np.isnan(bf))
    ao, bo = av.astype(object), bv.astype(object)
    try:
        with np.errstate(all="ignore"):
            eq = np.asarray(ao == bo, dtype=bool)
        if eq.shape == ao.shape:
            nulls = pd.isna(ao) & pd.isna(bo) if ao.ndim == 1 else np.zeros(len(ao), bool)
            # numbers and strings compare fine in C; cells holding containers go slow
            if not any(isinstance(x, (list, tuple, dict, set, np.ndarray)) for x in ao[~eq & ~nulls]):
                return eq | nulls
    except Exception:  # noqa: BLE001 - fall back to the careful loop below
        pass
    return np.fromiter((cells_equal(x, y) for x, y in zip(ao, bo)), dtype=bool, count=len(ao))


def _comparable(col: pd.Series) -> np.ndarray:
    dtype = col.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        return col.to_numpy()
    if isinstance(dtype, pd.CategoricalDtype):
        return np.asarray(col.astype(object).to_numpy(), dtype=object)
    if isinstance(dtype, np.dtype) and dtype.kind in "mM" or isinstance(dtype, pd.DatetimeTZDtype):
        return col.astype(object).to_numpy()
    return col.to_numpy(dtype=object)


# ------------------------------------------------------------------- near duplicates


def normalise_text(s: str) -> str:
    """Unicode NFKC, case folded, runs of whitespace collapsed, ends stripped."""
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def near_column(col: pd.Series, decimals: int) -> pd.Series:
    """The column as near-duplicate detection sees it: rounded numbers, normalised text."""
    dtype = col.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        return pd.Series(np.round(col.to_numpy(dtype=np.float64), decimals), index=col.index) + 0.0
    if pd.api.types.is_numeric_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype):
        return pd.Series(np.round(col.to_numpy(dtype=np.float64, na_value=np.nan), decimals), index=col.index) + 0.0
    values = col.to_numpy(dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True) if _hashable(values) else (None, None)
    if codes is None:
        return pd.Series([_near_cell(v, decimals) for v in values], index=col.index, dtype=object)
    mapped = np.array([_near_cell(u, decimals) for u in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=col.index, dtype=object)


def _hashable(values: np.ndarray) -> bool:
    return not any(isinstance(v, (list, dict, set, np.ndarray)) for v in values)


def _near_cell(v, decimals: int):
    if isinstance(v, str):
        return normalise_text(v)
    if isinstance(v, (float, np.floating, int, np.integer)) and not isinstance(v, (bool, np.bool_)):
        return float(np.round(float(v), decimals)) + 0.0
    return v
