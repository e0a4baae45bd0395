"""A picture in its box: filled and cropped, never stretched; a kept crop brought to the box's shape; pans and zooms held inside the picture; effective ppi; EXIF turns."""

from __future__ import annotations

import pytest

from layouts.picture import MAX_ZOOM, WHOLE, effective_ppi, fill, panned, shown, upright, zoomed


def aspect_px(crop, img_w: float, img_h: float) -> float:
    return (crop[2] - crop[0]) * img_w / ((crop[3] - crop[1]) * img_h)


@pytest.mark.parametrize(
    ("img", "box"), [((3000, 2000), (200, 200)), ((2000, 3000), (300, 100)), ((400, 300), (80, 60))]
)
def test_fill_keeps_the_pictures_proportions_and_fills_the_box(img, box) -> None:
    crop = fill(*img, *box)
    assert aspect_px(crop, *img) == pytest.approx(box[0] / box[1])  # not stretched
    assert (crop[0], crop[2]) == pytest.approx((0.0, 1.0)) or (crop[1], crop[3]) == pytest.approx(
        (0.0, 1.0)
    )
    assert (crop[0] + crop[2]) / 2 == pytest.approx(0.5) and (
        crop[1] + crop[3]
    ) / 2 == pytest.approx(0.5)


def test_a_crop_made_for_the_box_comes_back_as_it_is() -> None:
    crop = (0.1, 0.2, 0.5, 0.2 + 0.4 * 3000 / 2000 * 100 / 150)  # 150 × 100 box at 3:2 px
    assert shown(3000, 2000, 150, 100, crop) == pytest.approx(crop)
    assert shown(3000, 2000, 150, 100, None) == fill(3000, 2000, 150, 100)


def test_a_crop_for_another_shape_covers_what_it_showed_where_it_can() -> None:
    kept = (0.4, 0.4, 0.6, 0.6)  # a square part of a 1000 × 1000 picture
    wide = shown(1000, 1000, 300, 100, kept)  # the frame made three times wider
    assert aspect_px(wide, 1000, 1000) == pytest.approx(3.0)
    assert wide[0] <= 0.4 and wide[2] >= 0.6 and wide[1] <= 0.4 + 1e-9 and wide[3] >= 0.6 - 1e-9
    edge = shown(1000, 1000, 100, 100, (0.9, 0.9, 1.2, 1.2))  # past the picture: pulled in
    assert all(0 <= v <= 1 for v in edge) and edge[2] == pytest.approx(1.0)


def test_pans_stop_at_the_pictures_edges() -> None:
    crop = (0.2, 0.0, 0.6, 1.0)
    assert panned(crop, 0.1, 0.0) == pytest.approx((0.3, 0.0, 0.7, 1.0))
    assert panned(crop, 0.9, 0.5) == pytest.approx((0.6, 0.0, 1.0, 1.0))
    assert panned(crop, -0.9, -0.5) == pytest.approx((0.0, 0.0, 0.4, 1.0))


def test_zoom_keeps_the_point_under_the_pointer_and_its_bounds() -> None:
    full = fill(2000, 1000, 200, 100)  # the whole picture fills the box
    assert full == pytest.approx(WHOLE)
    at = (0.25, 0.5)
    closer = zoomed(full, 2.0, at, full)
    assert (closer[2] - closer[0]) == pytest.approx(0.5)
    # the point keeps its place in the box: a quarter across before and after
    assert (at[0] - closer[0]) / (closer[2] - closer[0]) == pytest.approx(0.25)
    assert zoomed(closer, 0.1, at, full) == pytest.approx(full)  # out no further than filling
    deep = zoomed(full, 1000.0, at, full)
    assert (deep[2] - deep[0]) == pytest.approx(1 / MAX_ZOOM)


def test_effective_ppi_counts_only_the_pixels_shown() -> None:
    box = (144.0, 72.0)  # 2 × 1 inches
    assert effective_ppi(2000, 1000, WHOLE, *box) == pytest.approx(1000.0)
    assert effective_ppi(2000, 1000, (0.0, 0.0, 0.5, 0.5), *box) == pytest.approx(500.0)
    with pytest.raises(ValueError):
        effective_ppi(2000, 1000, WHOLE, 0, 72)


def test_exif_quarter_turns_swap_width_and_height() -> None:
    assert upright(4000, 3000, 1) == (4000, 3000)
    assert upright(4000, 3000, 3) == (4000, 3000)
    assert [upright(4000, 3000, o) for o in (5, 6, 7, 8)] == [(3000, 4000)] * 4
