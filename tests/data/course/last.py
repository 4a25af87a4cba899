# %% [markdown]
# # The largest invoice

# %%
invoices = {"A-1": 120, "B-7": 340, "C-2": 95}
largest = None  # your code here

# %% tags=["solution"]
largest = max(invoices, key=invoices.get)

# %%
print(f"largest: {largest}")
