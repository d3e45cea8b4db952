"""Run beside the learner's checkout_analysis (LearnerModule.probe), for the checks of stages 7
and 8: a call, and what it returned or raised, told apart by the exception's class (the learner's
SampleRatioMismatch, or anything else). The users of a split may be sent as a pandas Series."""


def outcome_of(function: str, args: list, options: dict, first_as_series: bool = False) -> list:
    import importlib

    module = importlib.import_module("checkout_analysis")
    refusal = getattr(module, "SampleRatioMismatch", None)
    if not (isinstance(refusal, type) and issubclass(refusal, BaseException)):
        return ["no-class", repr(refusal)]
    if first_as_series:
        import pandas as pd

        args = [pd.Series(args[0], name="users"), *args[1:]]
    try:
        value = getattr(module, function)(*args, **options)
    except refusal as error:
        return ["refused", str(error)]
    except Exception as error:  # any other failure is reported, not raised: the check says which
        return ["other", f"{type(error).__name__}: {error}"]
    if isinstance(value, str):
        return ["returned", value[:]]  # a slice is a plain str, whatever str subclass (StrEnum)
    return ["returned", value if isinstance(value, int | float) else repr(value)]
