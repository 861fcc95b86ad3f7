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
# Sort by mean and take the smallest difference between neighbours; then compare their percents in the upper half.
by_mean = item_stats.sort_values("mean").reset_index(drop=True)
gaps = by_mean["mean"].diff()
low, high = by_mean.loc[gaps.idxmin() - 1], by_mean.loc[gaps.idxmin()]
q2 = ((low["item"], high["item"]), round(abs(low["pct_agree"] - high["pct_agree"]), 1))

# %% q3
# Without CLOSURE: recompute each item's mean and sample SD from its printed counts and see whether they round
# to the printed "2.15 (0.9)" (the number of decimals printed is the rounding). Counts that cannot give the
# printed mean and SD are exactly the counts that are not among CLOSURE's solutions for them.
printed = read_csv_strict(PROJECT.raw / "table1.csv").set_index("item")
q3 = set()
for _, item in table1.iterrows():
    mean, sd = printed.loc[item["item"], "mean_sd"].replace(")", "").split(" (")
    answers = [code for code in range(5) for _ in range(int(item[f"count_{code}"]))]
    recomputed_mean, recomputed_sd = pd.Series(answers).mean(), pd.Series(answers).std()
    if abs(recomputed_mean - float(mean)) > 0.5 * 10 ** -len(mean.split(".")[1]) + 1e-9 or \
            abs(recomputed_sd - float(sd)) > 0.5 * 10 ** -len(sd.split(".")[1]) + 1e-9:
        q3.add(int(item["item"]))

# %% q4
# The focus group: collaboration with GPs could be difficult (quotes A5, E3); most survey answers say it works
# well (items 7 and 9). Find the article's own statement about exactly those items: it says the strands
# "contrasted", and strands that disagree are dissonance in the triangulation protocol.
statements = read_csv_strict(PROJECT.raw / "integration_statements.csv")
about_7_and_9 = statements[statements["items"] == "7;9"].iloc[0]
q4 = ("dissonance" if about_7_and_9["relation"] == "contrasted" else "agreement", about_7_and_9["statement"])

# %% q5
# Tally theme 3's quotes by who said them.
from collections import Counter
speakers = Counter(person for person, theme in zip(quotes["participant"], quotes["theme"]) if theme == "3")
q5 = (len(speakers), round(100 * max(speakers.values()) / sum(speakers.values())))

# %% q6
# The students read each item against the article at its article_location. The compendium's reading, for the
# teacher, is data/raw/gramms.csv's article_meets (not in the students' `gramms`): each verdict opens with a word
# before its colon, "Yes", "Partly" or "No".
verdicts = read_csv_strict(PROJECT.raw / "gramms.csv")
q6 = {int(item) for item, verdict in zip(verdicts["gramms_item"], verdicts["article_meets"])
      if verdict.split(":")[0].strip().lower() == "partly"}

# %% q7
q7 = (set(item_stats.loc[item_stats["pct_floor"] > 15, "item"]), set(item_stats.loc[item_stats["pct_ceiling"] > 15, "item"]))
