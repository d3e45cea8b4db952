"""Reading back what a learner's process returns, without letting it run code here.

A pickle can name any function or class to call while it is loaded, so values from the learner's
process are read with an unpickler that knows an exact list of names: the safe builtin types, and
the classes and rebuilding functions of numpy, pandas and pyarrow that plain data needs (numbers,
text, containers, arrays, frames, their indexes and dtypes). Anything else (a function, the
learner's own class, a fitted model, a dotted name that reaches further) is refused with
NotPlainData.

Kept free of imports from the rest of `kata`: the learner's process loads this file by its path.
"""

import io
import pickle

_BUILTINS = {"builtins": ["list", "dict", "tuple", "set", "frozenset", "slice", "complex",
                          "bytearray", "range", "int", "float", "str", "bool", "bytes"]}  # fmt: skip
_STANDARD = {"datetime": ["date", "datetime", "time", "timedelta", "timezone"],
             "decimal": ["Decimal"]}  # fmt: skip
_NUMPY = {
    "numpy": ["dtype", "ndarray"],
    "numpy._core.multiarray": ["_reconstruct", "scalar"],
    "numpy.core.multiarray": ["_reconstruct", "scalar"],
    "numpy._core.numeric": ["_frombuffer"],
    "numpy.core.numeric": ["_frombuffer"],
}
_PANDAS = {
    "pandas": [
        "BooleanDtype",
        "Categorical",
        "CategoricalDtype",
        "CategoricalIndex",
        "DataFrame",
        "DatetimeIndex",
        "DatetimeTZDtype",
        "Float64Dtype",
        "Float32Dtype",
        "Index",
        "Int64Dtype",
        "Int32Dtype",
        "Interval",
        "IntervalIndex",
        "MultiIndex",
        "NA",
        "Period",
        "PeriodIndex",
        "RangeIndex",
        "Series",
        "StringDtype",
        "TimedeltaIndex",
    ],
    "pandas.arrays": [
        "ArrowStringArray",
        "BooleanArray",
        "DatetimeArray",
        "FloatingArray",
        "IntegerArray",
        "TimedeltaArray",
        "StringArray",
        "PeriodArray",
    ],
    "pandas._libs.arrays": ["__pyx_unpickle_NDArrayBacked"],
    "pandas._libs.internals": ["_unpickle_block"],
    "pandas._libs.tslibs.timestamps": ["_unpickle_timestamp"],
    "pandas._libs.tslibs.timedeltas": ["_timedelta_unpickle"],
    "pandas._libs.tslibs.offsets": ["Day", "MonthEnd", "MonthBegin", "YearEnd", "YearBegin"],
    "pandas.core.indexes.base": ["_new_Index"],
    "pandas.core.indexes.datetimes": ["_new_DatetimeIndex"],
    "pandas.core.indexes.period": ["_new_PeriodIndex"],
    "pandas.core.internals.managers": ["BlockManager", "SingleBlockManager"],
    "pandas.core.internals.blocks": ["new_block"],
}
_PYARROW = {"pyarrow.lib": ["_restore_array", "py_buffer", "type_for_alias"]}
ALLOWED = frozenset(
    (module, name)
    for table in (_BUILTINS, _STANDARD, _NUMPY, _PANDAS, _PYARROW)
    for module, names in table.items()
    for name in names
)


class NotPlainData(pickle.UnpicklingError):
    """The pickle names something other than plain data."""


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in ALLOWED:
            raise NotPlainData(f"{module}.{name} is not plain data")
        return super().find_class(module, name)


def load_plain(data: bytes) -> object:
    """The object pickled in `data`, if it is plain data; NotPlainData if not."""
    try:
        return _PlainUnpickler(io.BytesIO(data)).load()
    except NotPlainData:
        raise
    except Exception as error:  # a malformed or hostile pickle, whatever it raises
        raise NotPlainData(f"{type(error).__name__}: {error}") from None
