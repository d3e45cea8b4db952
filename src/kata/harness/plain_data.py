"""Reading back what a learner's process returns, without letting it run code here.

A pickle can name any function to call while it is loaded, so values from the learner's process
are read with an unpickler that knows only plain data: the safe builtin types, the classes of
numpy, pandas and pyarrow, and the few functions those use to rebuild their arrays. Anything else
(a function, the learner's own class, a fitted model) is refused with NotPlainData.

Kept free of imports from the rest of `kata`: the learner's process loads this file by its path.
"""

import io
import pickle

SAFE_BUILTINS = frozenset({"list", "dict", "tuple", "set", "frozenset", "slice", "complex",
                           "bytearray", "range", "object", "int", "float", "str", "bool"})  # fmt: skip
RECONSTRUCTORS = frozenset({
    ("copyreg", "_reconstructor"), ("numpy", "dtype"),
    ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"), ("numpy._core.multiarray", "scalar"),
    ("pandas._libs.internals", "_unpickle_block"), ("pandas.core.indexes.base", "_new_Index"),
    ("pandas._libs.tslibs.timestamps", "_unpickle_timestamp"),
    ("pandas._libs.tslibs.timedeltas", "_timedelta_unpickle"),
    ("pandas.core.internals.blocks", "new_block"),
    ("pandas._libs.arrays", "__pyx_unpickle_NDArrayBacked"), ("pyarrow.lib", "_restore_array"),
    ("pyarrow.lib", "py_buffer"), ("pyarrow.lib", "type_for_alias"),
})  # fmt: skip
DATA_LIBRARIES = ("numpy", "pandas", "pyarrow")


class NotPlainData(pickle.UnpicklingError):
    """The pickle names something other than plain data."""


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module == "builtins" and name in SAFE_BUILTINS) or (module, name) in RECONSTRUCTORS:
            return super().find_class(module, name)
        if module.split(".")[0] in DATA_LIBRARIES:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise NotPlainData(f"{module}.{name} is not plain data")


def load_plain(data: bytes) -> object:
    """The object pickled in `data`, if it is plain data; NotPlainData if not."""
    try:
        return _PlainUnpickler(io.BytesIO(data)).load()
    except NotPlainData:
        raise
    except (pickle.UnpicklingError, AttributeError, ImportError, EOFError) as error:
        raise NotPlainData(str(error)) from None
