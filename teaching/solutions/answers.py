"""Solutions to teaching/exercises.ipynb, one section per exercise (``# %% qN``), with the reasoning.

Kept apart from the student notebook; tests/test_lesson.py puts each section in place of the notebook's
answer cell and proves that every check passes (and that the blank notebook fails every one). Each answer
is computed from the data the student has loaded, as a student would, not typed in.
"""

# %% q1
# Recompute item 1's printed percents both ways: 2/61 = 3.3 % (all respondents) matches the article's "3.3";
# the valid-answer percents of the items with missing answers do not. Item 10: 58 valid answers of 61.
row = table1.set_index("item").loc["10"]
q1 = ("all", round(100 * (row["count_0"] + row["count_1"]) / row["n_valid"], 1))

# %% q2
# Sort by mean and take the smallest difference between neighbours; then compare their percent agreeing.
by_mean = item_stats.sort_values("mean").reset_index(drop=True)
gaps = by_mean["mean"].diff()
low, high = by_mean.loc[gaps.idxmin() - 1], by_mean.loc[gaps.idxmin()]
q2 = ((low["item"], high["item"]), round(abs(low["pct_agree"] - high["pct_agree"]), 1))

# %% q3
# The printed mean and SD are strings in data/raw/table1.csv ("2.15 (0.9)"); n is the item's valid answers.
printed = read_csv_strict(PROJECT.raw / "table1.csv")
q3 = set()
for _, item in table1.iterrows():
    mean, sd = printed.set_index("item").loc[item["item"], "mean_sd"].replace(")", "").split(" (")
    counts = tuple(int(item[f"count_{code}"]) for code in range(5))
    if counts not in consistency.closure(mean, sd, int(item["n_valid"]), 0, 4):
        q3.add(int(item["item"]))

# %% q4
# The focus group: collaboration with GPs could be difficult (quotes A5, E3); most survey answers say
# it works well. The article says so itself (S10): the strands disagree, so the row is dissonance.
q4 = ("dissonance", "S10")

# %% q5
theme3 = quotes[quotes["theme"] == "3"]
q5 = (theme3["participant"].nunique(), round(100 * theme3["participant"].value_counts().max() / len(theme3)))

# %% q6
q6 = {int(item) for item in gramms.loc[gramms["article_meets"].str.startswith("Partly"), "gramms_item"]}

# %% q7
q7 = (set(item_stats.loc[item_stats["pct_floor"] > 15, "item"]), set(item_stats.loc[item_stats["pct_ceiling"] > 15, "item"]))
