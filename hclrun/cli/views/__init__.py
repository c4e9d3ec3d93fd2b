"""Views: how the plan and state commands show their results, as Terraform's
human output (with or without colour) or its ``-json`` streaming UI lines."""
