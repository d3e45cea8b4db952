"""The environment variables through which `kata` hands its warm helper Pythons to the processes
it starts (see kata.harness.helpers): the runner reads one, the harness sets and reads both, and
neither needs to import the other for a name."""

CHECK_HELPER = "KATA_CHECK_HELPER"  # the socket of a warm helper for check processes, if one runs
LEARNER_HELPER = "KATA_LEARNER_HELPER"  # the socket of a running helper for learner programs
