"""Questions the stage 5 checks ask about the learner's objects.

They run in the learner's process, beside the objects (see kata.harness.learner_code), and
return plain data.
"""


def describe_model(model):
    """What make_model returned: a Pipeline? its last step, Ridge's alpha, fitted already?"""
    from sklearn.exceptions import NotFittedError
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import Pipeline
    from sklearn.utils.validation import check_is_fitted

    found = {"kind": type(model).__name__, "pipeline": isinstance(model, Pipeline)}
    if found["pipeline"]:
        last = model.steps[-1][1]
        found["last"] = repr(last)
        found["ridge_alpha"] = last.alpha if isinstance(last, Ridge) else None
        try:
            check_is_fitted(model)
            found["fitted"] = True
        except NotFittedError:
            found["fitted"] = False
    return found


def same_object(first, second):
    return first is second
