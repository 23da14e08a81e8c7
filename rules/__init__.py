"""leaklint's rules: one module a rule, each carrying its own documentation."""
