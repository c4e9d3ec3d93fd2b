variable "environment" {
  type        = string
  default     = "staging"
  description = "Deployment stage."
}

variable "subnets" {
  type = map(object({
    az      = string
    newbits = optional(number, 8)
  }))
  default = {
    public  = { az = "eu-west-1a" }
    private = { az = "eu-west-1b", newbits = 4 }
  }
}

locals {
  vpc_cidr = "10.0.0.0/16"
  name     = "app-${var.environment}"

  subnet_cidrs = {
    for idx, name in sort(keys(var.subnets)) :
    name => cidrsubnet(local.vpc_cidr, var.subnets[name].newbits, idx)
  }

  tags = merge({ Name = local.name }, var.environment == "prod" ? { Critical = "yes" } : {})
}

output "subnet_cidrs" {
  value = local.subnet_cidrs
}

resource "random_pet" "server" {
  length = 2
  prefix = local.name
}

resource "terraform_data" "network" {
  input = {
    name    = random_pet.server.id
    subnets = local.subnet_cidrs
    tags    = local.tags
  }
}

resource "local_file" "inventory" {
  filename = "${path.module}/inventory.json"
  content  = jsonencode(terraform_data.network.output)
}

output "server_name" {
  value = random_pet.server.id
}

output "inventory_file" {
  value = local_file.inventory.filename
}
