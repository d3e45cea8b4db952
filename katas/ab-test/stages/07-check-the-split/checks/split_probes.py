"""Run beside the learner's checkout_analysis (LearnerModule.probe): a call of the split check,
with the users given as a dict or as a pandas Series, and what it returned or raised, told apart
by the exception's class (the learner's SampleRatioMismatch, or anything else)."""


def outcome_of(function: str, users: dict, as_series: bool, options: dict) -> list:
    import importlib

    module = importlib.import_module("checkout_analysis")
    refusal = getattr(module, "SampleRatioMismatch", None)
    if not (isinstance(refusal, type) and issubclass(refusal, BaseException)):
        return ["no-class", repr(refusal)]
    if as_series:
        import pandas as pd

        users = pd.Series(users, name="users")
    try:
        value = getattr(module, function)(users, **options)
    except refusal as error:
        return ["refused", str(error)]
    except Exception as error:  # any other failure is reported, not raised: the check says which
        return ["other", f"{type(error).__name__}: {error}"]
    return ["returned", value if isinstance(value, int | float) else repr(value)]
