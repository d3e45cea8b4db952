import hashlib
import json
import tempfile
import unittest
from pathlib import Path

from mlflow import MlflowClient

from decision_record import numbers_of, record_decision

RESULTS = {
    "users": {"control": 100, "new_checkout": 102},
    "uplift": 0.05,
    "uplift_ci_normal": [-0.02, 0.12],
    "stopped_on": None,
    "decision": "inconclusive",
}
PLAN = {"minimum_detectable_uplift": 0.1, "split_alpha": 0.001, "users_per_day": 336}


class RecordDecisionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        folder = Path(cls.folder.name)
        cls.data = folder / "log.csv"
        cls.data.write_bytes(b"user_id,variant\nu1,control\n")
        cls.uri = f"sqlite:///{folder / 'store.db'}"
        cls.run_id = record_decision(RESULTS, PLAN, cls.data, tracking_uri=cls.uri)
        cls.client = MlflowClient(tracking_uri=cls.uri)
        cls.recorded = cls.client.get_run(cls.run_id)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_numbers_are_flattened_by_key(self):
        self.assertEqual(
            numbers_of(RESULTS),
            {
                "users_control": 100.0,
                "users_new_checkout": 102.0,
                "uplift": 0.05,
                "uplift_ci_normal_low": -0.02,
                "uplift_ci_normal_high": 0.12,
            },
        )

    def test_one_run_in_checkout_tests(self):
        experiment = self.client.get_experiment_by_name("checkout-tests")
        runs = self.client.search_runs([experiment.experiment_id])
        self.assertEqual([run.info.run_id for run in runs], [self.run_id])

    def test_tags(self):
        tags = self.recorded.data.tags
        self.assertEqual(tags["decision"], "inconclusive")
        self.assertEqual(tags["data_sha256"], hashlib.sha256(self.data.read_bytes()).hexdigest())
        self.assertTrue(tags["git_commit"] == "unknown" or len(tags["git_commit"]) >= 40)

    def test_params_and_metrics(self):
        self.assertEqual(self.recorded.data.params, {k: str(v) for k, v in PLAN.items()})
        self.assertAlmostEqual(self.recorded.data.metrics["uplift_ci_normal_low"], -0.02)
        self.assertAlmostEqual(self.recorded.data.metrics["users_new_checkout"], 102.0)

    def test_results_json(self):
        with tempfile.TemporaryDirectory() as out:
            path = self.client.download_artifacts(self.run_id, "results.json", out)
            self.assertEqual(json.loads(Path(path).read_text()), RESULTS)


if __name__ == "__main__":
    unittest.main()
