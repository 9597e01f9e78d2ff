"""The academy's rules, as pure functions over the homework model."""
