import pytest


@pytest.fixture(params=["NA", ".", ""], ids=["NA", "dot", "empty"])
def missing_marker(request):
    return request.param


@pytest.fixture
def typed_lengths():
    """What people typed, and the millimetres they meant."""
    return {
        "181": 181.0,
        "186 mm": 186.0,
        "19.5 cm": 195.0,
        " 193 ": 193.0,
        "17.01 cm": 170.1,
    }
