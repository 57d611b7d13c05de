"""Reading and checking the data: YAML in, problems with positions and a typed catalog out."""
