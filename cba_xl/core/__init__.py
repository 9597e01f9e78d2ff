"""The domain core: models, rules and findings. Imports no Office library."""
