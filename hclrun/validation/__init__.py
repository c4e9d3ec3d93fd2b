"""Static validation of a module tree, as ``terraform validate`` does it without providers.

The configuration is loaded (structural problems stop there, as in
Terraform), then each module is checked: references, dependency cycles,
``count``/``for_each`` values, module call arguments against the called
module's variables, resource bodies against built-in provider schemas, and
every expression evaluated with unknown values for whatever is only known
at apply time.
"""

from hclrun.validation.run import ValidationResult, validate_tree

__all__ = ["ValidationResult", "validate_tree"]
