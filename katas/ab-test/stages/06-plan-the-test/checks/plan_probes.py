"""Run beside the learner's checkout_analysis (LearnerModule.probe): what a call raised, told
apart by the exception's class, so that a subclass of ValueError counts as a ValueError."""


def outcome_of(function: str, arguments: dict) -> list:
    import importlib

    module = importlib.import_module("checkout_analysis")
    try:
        value = getattr(module, function)(**arguments)
    except ValueError as error:
        return ["ValueError", f"{type(error).__name__}: {error}"]
    except Exception as error:  # any other failure is reported, not raised: the check says which
        return ["other", f"{type(error).__name__}: {error}"]
    return ["returned", repr(value)]
