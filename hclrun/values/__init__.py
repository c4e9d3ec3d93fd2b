"""Types and values with cty's semantics: unknowns, marks, conversion
(``convert``), unification (``unify``), operators (``ops``, ``equality``),
traversal steps (``access``), set order (``sets``), console rendering
(``render``), JSON of values and types (``json``), string helpers (``strings``).
Knows nothing about source positions; errors carry Terraform's wording
(``errors``) for the evaluator to turn into diagnostics."""
