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
