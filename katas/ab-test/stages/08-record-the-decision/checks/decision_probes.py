"""Run beside the learner's decision_record (LearnerModule.probe): record_decision called with no
tracking_uri, with MLFLOW_TRACKING_URI set in its process, as a team's shell would set it."""


def record_with_environment(uri: str, results: dict, plan: dict, data_path: str) -> list:
    import importlib
    import os

    os.environ["MLFLOW_TRACKING_URI"] = uri
    try:
        run_id = importlib.import_module("decision_record").record_decision(
            results, plan, data_path
        )
    except Exception as error:  # reported, not raised: the check says what went wrong
        return ["other", f"{type(error).__name__}: {error}"]
    return ["returned", str(run_id)]
