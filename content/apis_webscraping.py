# %% [markdown]
# # APIs and web scraping

# %%
print(1)
