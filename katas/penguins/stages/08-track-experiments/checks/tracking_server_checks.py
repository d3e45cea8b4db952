"""The penguins stage 8 checks on the tracking servers: the same commands against a plain MLflow
server, and against a team's server on PostgreSQL shared by two pairs training at once (where
PostgreSQL is installed: elsewhere that check is listed as not run). test_track_experiments.py
imports them, and pytest collects them there with its `story`, `server` and `team_server`
fixtures.
"""

from __future__ import annotations

import pytest
from tracking_results import (
    estimates,
    param_is,
    read_predictions,
    require,
    rounded,
    sha256_of,
    surveyed,
)
from tracking_story import OTHER_PAIR, TEAM_ALPHA
from tracking_terms import EXPERIMENT, MODEL, RAW_DATA

from kata.harness import fail
from kata.team_server import postgres_missing


@pytest.mark.expensive
def test_the_same_commands_work_against_a_tracking_server(story, server):
    """train, promote and predict work the same against an MLflow server on 127.0.0.1."""
    require(story)
    if not server.wait_until_healthy():
        fail(
            f"The check could not start its MLflow server, so this was not checked: {server.explain()}"
        )
    for name in ("server train", "server promote", "server predict"):
        run = story.runs[name]
        assert run.ok, f"With MLFLOW_TRACKING_URI={server.uri}: {run.said()}"
    found = surveyed(story.server_store, "the server's store")
    runs = found["runs"]
    assert [param_is(run, "alpha", 1.0) for run in runs] == [True], (
        f"After one train, the server's experiment {EXPERIMENT!r} holds {len(runs)} runs; "
        "expected one, with alpha 1."
    )
    tags = runs[0]["tags"]
    assert tags.get("git_commit") == "unknown", (
        f"A run from a folder outside any git repository has git_commit = "
        f"{tags.get('git_commit')!r}; expected 'unknown'."
    )
    assert tags.get("data_sha256") == sha256_of(story.remote / RAW_DATA), (
        f"The server's run has data_sha256 = {tags.get('data_sha256')!r}, not the data's SHA-256."
    )
    assert list(server.artifacts.rglob("model.skops")), (
        "No model.skops arrived in the server's artifact store: log the model while "
        "MLFLOW_TRACKING_URI names the server, and it is uploaded through the server."
    )
    predicted = read_predictions(story.fresh / "server.csv")
    expected = estimates(found, "the server's store")
    assert predicted == pytest.approx(expected, rel=1e-6), (
        f"predict against the server wrote {rounded(predicted)}; its champion estimates "
        f"{rounded(expected)}."
    )


@pytest.mark.expensive
@pytest.mark.needs(missing=postgres_missing())
def test_two_pairs_share_a_team_server_on_postgresql(story, team_server):
    """Two pairs train at once on a team's server (PostgreSQL): each run kept, promote chooses from its own experiment."""
    require(story)
    if not team_server.wait_until_healthy():
        fail(f"The check could not start the team's server, so this was not checked: "
             f"{team_server.explain()}")  # fmt: skip
    for name in ("team train", "other pair train", "team promote", "team predict"):
        run = story.runs[name]
        assert run.ok, (
            f"With MLFLOW_TRACKING_URI={team_server.uri} (the team's server): {run.said()}"
        )
    ours = surveyed(story.team_store, "the team's server")["runs"]
    theirs = surveyed(story.other_pair_store, "the team's server")["runs"]
    kept_apart = [param_is(run, "alpha", TEAM_ALPHA) for run in ours] == [True] and len(theirs) == 1
    assert kept_apart, (
        f"Two pairs trained at once on the team's server, one with alpha={TEAM_ALPHA:g} in "
        f"experiment {EXPERIMENT!r}, the other with `--set experiment={OTHER_PAIR}`. Experiment "
        f"{EXPERIMENT!r} holds {len(ours)} runs and {OTHER_PAIR!r} {len(theirs)}; expected one "
        "each. Does train record its run in the experiment its settings name?"
    )
    for run, name in ((ours[0], "team train"), (theirs[0], "other pair train")):
        said = story.runs[name].stdout + story.runs[name].stderr
        assert run["id"] in said, (
            f"`{story.runs[name].command}` did not print the id of the run it recorded, "
            f"{run['id']}: with two pairs training at once, look the id up from your own run "
            "(mlflow.start_run(...).info.run_id), never as the latest run in the store."
        )
    found = story.team_store
    versions = {version["run_id"] for version in found["versions"]}
    assert versions == {ours[0]["id"], theirs[0]["id"]}, (
        f"The team's server holds {len(versions)} versions of {MODEL} after two trains, from "
        f"runs {sorted(versions)}; expected one from each pair's run."
    )
    chosen = (found["champion"] or {}).get("run_id", "no run at all")
    assert chosen == ours[0]["id"], (
        f"`promote` with no --run-id, in the experiment {EXPERIMENT!r}, made {chosen} the "
        f"champion; expected our pair's run {ours[0]['id']}, the best of {EXPERIMENT!r}. The "
        f"other pair's run is better but in {OTHER_PAIR!r}: promote chooses among the runs of "
        "its own experiment (search_runs with that experiment's id only)."
    )
    predicted = read_predictions(story.fresh / "team.csv")
    expected = estimates(found, "the team's server")
    assert predicted == pytest.approx(expected, rel=1e-6), (
        f"predict against the team's server wrote {rounded(predicted)}; its champion "
        f"estimates {rounded(expected)}."
    )
