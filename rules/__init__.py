"""leaklint's rules: one module a rule, each carrying its own documentation.

The order here is the order of ``leaklint rules``.
"""
from leaklint.rules import (
    ll101_fit_before_split,
    ll102_fit_on_test,
    ll201_select_on_test,
    ll202_early_stop_on_test,
    ll203_seed_picking,
    ll204_repeated_test_eval,
    ll301_resample_before_split,
    ll302_train_test_overlap,
    ll303_no_holdout,
    ll401_unseeded_split,
    ll402_shuffled_time_series,
    ll403_target_in_features,
    meta,
)

META_RULES = (meta.PARSE_ERROR, meta.INTERNAL_ERROR, meta.BUDGET_EXCEEDED)

ANALYSIS_RULES = (
    ll101_fit_before_split.RULE,
    ll102_fit_on_test.RULE,
    ll201_select_on_test.RULE,
    ll202_early_stop_on_test.RULE,
    ll203_seed_picking.RULE,
    ll204_repeated_test_eval.RULE,
    ll301_resample_before_split.RULE,
    ll302_train_test_overlap.RULE,
    ll303_no_holdout.RULE,
    ll401_unseeded_split.RULE,
    ll402_shuffled_time_series.RULE,
    ll403_target_in_features.RULE,
)

ALL_RULES = META_RULES + ANALYSIS_RULES
