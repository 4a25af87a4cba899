# %% [markdown]
# # Counting orders per region

# %%
orders = ["north", "south", "north"]
per_region = {}  # your code here

# %% tags=["solution"]
for region in orders:
    per_region[region] = per_region.get(region, 0) + 1

# %%
print(per_region)
