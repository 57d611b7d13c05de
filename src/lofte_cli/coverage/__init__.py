"""What the activities show per commitment and party: computed from the catalog, never typed in."""
