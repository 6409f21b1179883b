"""Runs the Python chaosgarden's AWS network steps against the endpoint in AWS_ENDPOINT_URL_EC2.

Usage: python reference_network.py '<json>' with {"op": "partition" | "rollback", "zone", "filters", "region", "mode"}.
"partition" is the body of run_network_failure_simulation without its wait and final roll-back: the
roll-back of left-overs, then block_vpc for every matching VPC. Prints {"seconds": <float>} on success.
"""
import json
import sys
import time

from chaosaws import aws_client
from chaosgarden.aws import actions

args = json.loads(sys.argv[1])
zone = args["zone"]
filters = args["filters"]
mode = args.get("mode", "total")
configuration = {"aws_region": args["region"]}
secrets = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

start = time.perf_counter()
if args["op"] == "partition":
    actions.rollback_network_failure_simulation(mode, zone, filters, configuration, secrets)
    client = aws_client(resource_name="ec2", configuration=configuration, secrets=secrets)
    for vpc in client.describe_vpcs(Filters=filters["vpcs"])["Vpcs"]:
        actions.block_vpc(client, zone, vpc["VpcId"], filters["subnets"], mode)
elif args["op"] == "rollback":
    actions.rollback_network_failure_simulation(mode, zone, filters, configuration, secrets)
else:
    raise ValueError(f"unknown op {args['op']}")
print(json.dumps({"seconds": time.perf_counter() - start}))
