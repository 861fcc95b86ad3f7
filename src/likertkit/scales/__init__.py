"""What the answers mean: a scale's codes and labels (:mod:`~likertkit.scales.table`), the families of response
scales researchers use (:mod:`~likertkit.scales.vocabulary`) and which end, if any, is positive
(:mod:`~likertkit.scales.direction`), and which answers lie on which side of its centre
(:mod:`~likertkit.scales.sides`)."""

from likertkit.scales.direction import label_polarity, orient
from likertkit.scales.sides import split_sides
from likertkit.scales.table import (
           combine_scales,
           describe_scale,
           read_scale,
           read_scales,
           scale_parts,
)
from likertkit.scales.vocabulary import has_direction, scale_family

__all__ = ["combine_scales", "describe_scale", "has_direction", "label_polarity", "orient", "read_scale",
           "read_scales", "scale_family", "scale_parts", "split_sides"]
