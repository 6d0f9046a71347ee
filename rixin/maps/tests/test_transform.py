"""WGS-84 ↔ GCJ-02 against published reference points.

The pairs are quoted from the tests of two public implementations of the same algorithm:
- googollee/eviltransform, ``go/transform_test.go`` (Shanghai, Shenzhen, Beijing: WGS-84 and
  the GCJ-02 point the forward transform gives);
- wandergis/coordtransform, ``test/app.js`` (``wgs84togcj02(116.404, 39.915)`` →
  ``[116.41024449916938, 39.91640428150164]``).
"""

import pytest

from rixin.maps.transform import distance_m, gcj02_to_wgs84, out_of_china, wgs84_to_gcj02

EVILTRANSFORM = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),  # Shanghai
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),  # Shenzhen
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),  # Beijing
]
COORDTRANSFORM = [((39.915, 116.404), (39.91640428150164, 116.41024449916938))]
REFERENCE = EVILTRANSFORM + COORDTRANSFORM


@pytest.mark.parametrize(("wgs", "gcj"), REFERENCE)
def test_forward_transform_matches_the_published_gcj02_point(wgs, gcj):
    lat, lon = wgs84_to_gcj02(*wgs)
    assert lat == pytest.approx(gcj[0], abs=1e-5)
    assert lon == pytest.approx(gcj[1], abs=1e-5)


@pytest.mark.parametrize(("wgs", "gcj"), REFERENCE)
def test_inverse_transform_returns_within_half_a_metre(wgs, gcj):
    lat, lon = gcj02_to_wgs84(*gcj)
    assert distance_m(lat, lon, *wgs) < 0.5


def test_round_trip_in_shouyang_stays_within_half_a_metre():
    wgs = (37.895, 113.177)
    shifted = wgs84_to_gcj02(*wgs)
    assert distance_m(*shifted, *wgs) > 100  # the offset is real: hundreds of metres
    assert distance_m(*gcj02_to_wgs84(*shifted), *wgs) < 0.5


def test_points_outside_china_are_not_shifted():
    assert out_of_china(48.8566, 2.3522)
    assert wgs84_to_gcj02(48.8566, 2.3522) == (48.8566, 2.3522)
    assert gcj02_to_wgs84(48.8566, 2.3522) == (48.8566, 2.3522)
