"""Reading the data: YAML, the validated model, its checks and the relation graph. Imports no other layer."""
