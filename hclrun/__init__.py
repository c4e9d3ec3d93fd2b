"""hclrun."""
