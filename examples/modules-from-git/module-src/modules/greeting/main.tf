variable "name" {
  type        = string
  description = "Who to greet."
}

variable "punctuation" {
  type    = string
  default = "!"
}

resource "terraform_data" "greeting" {
  input = "Hello, ${var.name}${var.punctuation}"
}

output "text" {
  value       = terraform_data.greeting.output
  description = "The greeting, once applied."
}
