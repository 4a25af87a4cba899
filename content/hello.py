# %% [markdown]
# # Hello
# %%
import sys
print(sys.version)
