import numpy as np

from checkout_analysis.metrics import conversion_by_variant, relative_uplift


def bootstrap_uplift_interval(events, resamples=200, level=0.95, random_state=42):
    """Percentile interval of the relative uplift over resamples of the event rows."""
    generator = np.random.default_rng(random_state)
    uplifts = [
        relative_uplift(conversion_by_variant(events.sample(frac=1, replace=True, random_state=generator)))
        for _ in range(resamples)
    ]
    half = level * 50
    return tuple(float(x) for x in np.percentile(uplifts, [50 - half, 50 + half]))
