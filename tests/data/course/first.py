# %% [markdown]
# # Adding up sales
#
# Add the day's sales.

# %%
sales = [12.5, 8.0, 4.25]
total = None  # your code here

# %% tags=["solution"]
total = 0
for amount in sales:
    total += amount

# %%
print(f"total: {total}")
